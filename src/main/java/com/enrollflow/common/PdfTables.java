package com.enrollflow.common;

import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;

/** The tables of the institution's PDFs (contract, refund agreement): full width, a grey header row repeated. */
public final class PdfTables {

    private PdfTables() {
    }

    public static PdfPTable table(float[] widths) {
        PdfPTable t = new PdfPTable(widths);
        t.setWidthPercentage(100);
        t.setSpacingBefore(4);
        t.setSpacingAfter(4);
        return t;
    }

    /** The header row, grey and centred, repeated on every page the table runs onto. */
    public static void header(PdfPTable t, Font font, String... cells) {
        for (String c : cells) {
            PdfPCell cell = new PdfPCell(new Phrase(c, font));
            cell.setGrayFill(0.9f);
            cell.setPadding(4);
            cell.setHorizontalAlignment(Element.ALIGN_CENTER);
            t.addCell(cell);
        }
        t.setHeaderRows(1);
    }
}
