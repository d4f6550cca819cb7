package com.enrollflow.common;

import java.io.IOException;
import java.io.InputStream;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;

/**
 * The font of every PDF we print (contract, receipt): Noto Serif SC Regular (思源宋体, SIL Open Font License 1.1),
 * embedded as a subset of the characters used (Identity-H, a CID TrueType font: FontFile2). Every reader shows it —
 * a phone, a browser's built-in viewer — with no Asian font pack installed, and the text extracts as the right
 * characters. The font comes from the npm registry at build time (src/fonts/fetch-font.sh) into
 * {@code fonts/} on the classpath; it is read once and shared (OpenPDF copies the font bytes for each subset).
 */
public final class ChineseFont {

    static final String RESOURCE = "fonts/NotoSerifSC-Regular.ttf";

    private static volatile BaseFont font;

    private ChineseFont() {
    }

    public static BaseFont embedded() {
        BaseFont loaded = font;
        if (loaded == null) {
            synchronized (ChineseFont.class) {
                loaded = font;
                if (loaded == null) {
                    loaded = load();
                    font = loaded;
                }
            }
        }
        return loaded;
    }

    private static BaseFont load() {
        try (InputStream in = ChineseFont.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the PDF font " + RESOURCE + " is not on the classpath: build with "
                        + "`mvn generate-resources` (src/fonts/fetch-font.sh, needs Node.js and npm)");
            }
            byte[] bytes = in.readAllBytes();
            return BaseFont.createFont("NotoSerifSC-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false,
                    bytes, null);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("the PDF font " + RESOURCE + " cannot be read", e);
        }
    }
}
