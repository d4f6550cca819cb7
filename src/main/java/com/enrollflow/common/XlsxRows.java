package com.enrollflow.common;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.XMLFilterImpl;

import com.enrollflow.common.InvalidInputException;

/**
 * The first sheet of an uploaded .xlsx, read as it streams (POI's event API), so that what the file holds cannot
 * decide how much memory the server spends: cells right of {@link #MAX_COLUMNS} are ignored, and reading stops with a
 * refusal beyond {@code maxRows} rows with values or {@link #MAX_ROWS_SEEN} rows of any kind (a lead list, a price
 * list). The zip is opened from a file, part by part, with POI's inflation-ratio check against zip bombs. Values as
 * staff see them: a formula's last computed value (not its text; a formula without one refuses the file), a date as
 * ISO (学生生日), a whole number in General format in full (a phone number with country code, not 8.6138E+12).
 */
public final class XlsxRows {

    /** Far more than a lead list's columns (LeadColumns), far fewer than the 16 384 a sheet may name. */
    public static final int MAX_COLUMNS = 64;
    /** Rows of any kind, empty or styled ones included, before a sheet counts as too large to be a lead list. */
    static final int MAX_ROWS_SEEN = 100_000;

    /**
     * No part of an upload inflates beyond this (POI counts the bytes as it inflates, whatever the zip's headers
     * claim); the shared strings are held in memory. A 10 000-row list is 2–5 MB of XML. POI's setting is one for
     * the whole application: the lead and price-list imports read workbooks through this class.
     */
    static final long MAX_PART_BYTES = 64L * 1024 * 1024;

    static {
        org.apache.poi.openxml4j.util.ZipSecureFile.setMaxEntrySize(MAX_PART_BYTES);
    }

    /** A row with at least one value: its number as Excel shows it (1 = the header) and its cells by column. */
    public record RawRow(int number, List<String> cells) {
    }

    private XlsxRows() {
    }

    public static List<RawRow> read(byte[] bytes, int maxRows) throws IOException {
        Path file = Files.createTempFile("lead-import", ".xlsx");
        try {
            Files.write(file, bytes);
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                XSSFReader reader = new XSSFReader(pkg);
                Iterator<InputStream> sheets = reader.getSheetsData();
                if (!sheets.hasNext()) {
                    return List.of();
                }
                Collector rows = new Collector(maxRows);
                try (InputStream sheet = sheets.next()) {
                    XMLReader parser = XMLHelper.newXMLReader();
                    FormulaResults cells = new FormulaResults(rows);
                    cells.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                            new ReadOnlySharedStringsTable(pkg), rows, new StaffFormatter(), false));
                    parser.setContentHandler(cells);
                    parser.parse(new InputSource(sheet));
                }
                return rows.rows;
            }
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            if (e.getCause() instanceof InvalidInputException refused) {
                throw refused;
            }
            throw new IOException(e.getMessage(), e);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Finds the formulas the file holds no result of (a sheet written by a program that does not calculate, as Excel
     * and WPS do on saving): read as values they would be empty cells, and a name or phone put together by a formula
     * would be lost or refused as missing.
     */
    private static final class FormulaResults extends XMLFilterImpl {

        private final Collector rows;
        private String cell;
        private boolean formula;
        private boolean result;

        FormulaResults(Collector rows) {
            this.rows = rows;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (XSSFRelation.NS_SPREADSHEETML.equals(uri)) {
                switch (localName) {
                    case "c" -> {
                        cell = atts.getValue("r");
                        formula = false;
                        result = false;
                    }
                    case "f" -> formula = true;
                    case "v", "is" -> result = true;
                    default -> {
                    }
                }
            }
            super.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (XSSFRelation.NS_SPREADSHEETML.equals(uri) && "c".equals(localName) && formula && !result) {
                rows.formulaWithoutResult(cell);
            }
            super.endElement(uri, localName, qName);
        }
    }

    /** Keeps the rows with values, and refuses the sheet as soon as it is larger than a lead list may be. */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final int maxRows;
        final List<RawRow> rows = new ArrayList<>();
        private int seen;
        private int number;
        private List<String> cells;
        private int nextColumn;

        Collector(int maxRows) {
            this.maxRows = maxRows;
        }

        @Override
        public void startRow(int rowNum) {
            if (++seen > MAX_ROWS_SEEN) {
                throw new InvalidInputException("file", "文件的行数超过 " + MAX_ROWS_SEEN + " 行（包括空行），太大了；"
                        + "请只保留要导入的行");
            }
            number = rowNum + 1;
            cells = new ArrayList<>();
            nextColumn = 0;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            nextColumn = column + 1;
            if (column >= MAX_COLUMNS || value == null || value.isBlank()) {
                return;
            }
            while (cells.size() < column) {
                cells.add(null);
            }
            cells.add(value);
        }

        /** A formula without its result is refused with the file: what it stands for cannot be known here. */
        void formulaWithoutResult(String reference) {
            int column = reference == null ? nextColumn : new CellReference(reference).getCol();
            if (column >= MAX_COLUMNS) {
                return;
            }
            List<String> header = rows.isEmpty() ? List.of() : rows.get(0).cells();
            String title = column < header.size() && !header.get(column).isBlank() ? "「" + header.get(column) + "」列"
                    : "";
            String where = "第 " + number + " 行" + title + "（单元格 " + CellReference.convertNumToColString(column)
                    + number + "）";
            throw new InvalidInputException("file", where + "是公式，文件里却没有保存它的计算结果（由其他程序生成的表格"
                    + "常见），无法知道它的值：请用 Excel 或 WPS 打开文件、保存后再导入，或把公式复制后“粘贴为数值”");
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.isEmpty()) {
                return;
            }
            // the header and the rows after it
            if (rows.size() > maxRows) {
                throw new InvalidInputException("file", "一次最多导入 " + maxRows + " 行，请拆分文件");
            }
            rows.add(new RawRow(number, cells.stream().map(v -> v == null ? "" : v).toList()));
        }
    }

    /** Dates as ISO, whole numbers in General format in full; every other format as Excel shows it. */
    private static final class StaffFormatter extends DataFormatter {

        StaffFormatter() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            if ("General".equalsIgnoreCase(formatString) && value == Math.rint(value) && Math.abs(value) < 1e15) {
                return BigDecimal.valueOf(value).toBigInteger().toString();
            }
            return super.formatRawCellContents(value, formatIndex, formatString);
        }
    }
}
