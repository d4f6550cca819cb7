package com.enrollflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts a PDF's pages use, read with PDFBox as a reader would: whether each carries its glyphs in the file (a
 * FontFile2 or FontFile3 stream on its descriptor, the descendant's for a composite font), which is what a reader
 * without an Asian font pack (a phone, a browser's built-in viewer) needs to show the text.
 */
public final class PdfFonts {

    /** One font of a page: its name (a subset is named "ABCDEF+Name") and the embedded font program, if any. */
    public record Font(int page, String name, String fontFile, int glyphBytes) {

        public boolean embedded() {
            return fontFile != null;
        }

        public boolean subset() {
            return name.matches("[A-Z]{6}\\+.+");
        }
    }

    private PdfFonts() {
    }

    public static List<Font> of(byte[] pdf) {
        List<Font> fonts = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int n = 0;
            for (PDPage page : document.getPages()) {
                n++;
                var resources = page.getResources();
                for (var name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    PDFontDescriptor descriptor = font instanceof PDType0Font composite
                            ? composite.getDescendantFont().getFontDescriptor() : font.getFontDescriptor();
                    String file = null;
                    int bytes = 0;
                    if (descriptor != null && descriptor.getFontFile2() != null) {
                        file = "FontFile2";
                        bytes = descriptor.getFontFile2().toByteArray().length;
                    } else if (descriptor != null && descriptor.getFontFile3() != null) {
                        file = "FontFile3";
                        bytes = descriptor.getFontFile3().toByteArray().length;
                    }
                    fonts.add(new Font(n, font.getName(), file, bytes));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fonts;
    }
}
