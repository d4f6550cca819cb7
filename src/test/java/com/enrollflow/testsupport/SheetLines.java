package com.enrollflow.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/** The lines of an exported Excel sheet as a reader checks them: each cell as text, whole numbers without ".0". */
public final class SheetLines {

    private SheetLines() {
    }

    /** The first line whose first cell is {@code first} (and third is {@code third}, unless null). */
    public static List<String> line(Sheet sheet, String first, String third) {
        for (Row row : sheet) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(switch (c.getCellType()) {
                case NUMERIC -> c.getNumericCellValue() == Math.rint(c.getNumericCellValue())
                        ? String.valueOf((long) c.getNumericCellValue()) : String.valueOf(c.getNumericCellValue());
                default -> c.getStringCellValue();
            }));
            if (!cells.isEmpty() && cells.get(0).equals(first) && (third == null || cells.get(2).equals(third))) {
                return cells;
            }
        }
        throw new AssertionError("no line " + first + " in " + sheet.getSheetName());
    }
}
