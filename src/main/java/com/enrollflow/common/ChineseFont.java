package com.enrollflow.common;

import java.io.IOException;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;

/**
 * The font of every PDF we print (contract, receipt): Adobe's standard Song font STSong-Light with the Unicode
 * GB encoding, referenced and not embedded. Readers show it or substitute a Song font; the text extracts as the
 * right characters.
 */
public final class ChineseFont {

    private ChineseFont() {
    }

    public static BaseFont songLight() {
        try {
            return BaseFont.createFont("STSong-Light", "UniGB-UCS2-H", BaseFont.NOT_EMBEDDED);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("the CJK font STSong-Light is missing from OpenPDF", e);
        }
    }
}
