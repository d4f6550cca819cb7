package com.enrollflow.common;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An uploaded table staff made in Excel, WPS or their bank's online banking: an .xlsx (read as it streams,
 * {@link XlsxRows}) or a CSV in UTF-8 or GBK, the rows with a value numbered as the spreadsheet shows them (the
 * header is row 1 when it is the first line). What the file is comes from its first bytes, not its name: an .xlsx
 * renamed .csv is still read as a workbook, and a PDF, an image or an Excel 97-2003 file is refused by name. Every
 * refusal is an {@link InvalidInputException} of the field {@code file} in Chinese; the parser's own words go to the
 * log. Used by the lead import (导入线索) and the bank statement reconciliation (银行流水对账).
 */
public final class TableFiles {

    private static final Logger log = LoggerFactory.getLogger(TableFiles.class);

    /**
     * What the refusals of one kind of upload say: {@code unreadable} when the file is no table (naming the columns
     * it needs), {@code nothingDone} after a refusal (本次未导入任何行), {@code tooMany} when it has more rows than
     * {@code maxRows}.
     */
    public record Texts(int maxRows, String unreadable, String nothingDone, String tooMany) {
    }

    private TableFiles() {
    }

    /** The rows with a value, at most the header and {@code texts.maxRows()} more. */
    public static List<XlsxRows.RawRow> read(String fileName, byte[] bytes, Texts texts) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("file", "文件为空");
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        FileKind kind = FileKind.of(bytes);
        if (kind == FileKind.OLD_EXCEL) {
            throw new InvalidInputException("file", "不支持 Excel 97-2003（.xls）格式：请在 Excel 或 WPS 中“另存为”"
                    + " Excel 工作簿（.xlsx）或 CSV 后导入");
        }
        if (kind == FileKind.OTHER_BINARY) {
            throw new InvalidInputException("file", texts.unreadable());
        }
        try {
            List<XlsxRows.RawRow> table = kind == FileKind.ZIP || name.endsWith(".xlsx")
                    ? XlsxRows.read(bytes, texts.maxRows()) : readCsv(bytes, texts);
            if (table.isEmpty()) {
                throw new InvalidInputException("file", "文件没有表头行");
            }
            return table;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            Matcher line = CSV_LINE.matcher(String.valueOf(e.getMessage()));
            if (!name.endsWith(".xlsx") && line.find()) {
                // a quote the CSV cannot close: the whole file is unreadable from there on, so it is refused whole,
                // naming where
                log.info("upload {} has an unclosed quote: {}", name, e.toString());
                throw new InvalidInputException("file", "第 " + line.group(1) + " 行附近引号不配对：单元格中的英文双引号"
                        + "（\"）须成对，或把整格用双引号括起；请改正后重新导入，" + texts.nothingDone());
            }
            // the parser's own words (English, or "null") tell staff nothing; they go to the log
            log.info("upload {} could not be read: {}", name, e.toString());
            throw new InvalidInputException("file", texts.unreadable());
        }
    }

    /**
     * What a file is by its first bytes: an .xlsx (a zip), an Excel 97-2003 workbook, something else binary (a PDF,
     * an image, a Word file: a NUL byte in its first kilobyte, which no UTF-8 or GBK text has), or text for the CSV
     * reader.
     */
    enum FileKind {
        ZIP, OLD_EXCEL, OTHER_BINARY, TEXT;

        static FileKind of(byte[] bytes) {
            if (starts(bytes, 0x50, 0x4B, 0x03, 0x04)) {
                return ZIP;
            }
            if (starts(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
                return OLD_EXCEL;
            }
            if (starts(bytes, '%', 'P', 'D', 'F')) {
                return OTHER_BINARY;
            }
            for (int i = 0; i < Math.min(bytes.length, 1024); i++) {
                if (bytes[i] == 0) {
                    return OTHER_BINARY;
                }
            }
            return TEXT;
        }

        private static boolean starts(byte[] bytes, int... head) {
            if (bytes.length < head.length) {
                return false;
            }
            for (int i = 0; i < head.length; i++) {
                if ((bytes[i] & 0xFF) != head[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Where Commons CSV stopped: "(line 3)" or "(startline 3)" in its message. */
    private static final Pattern CSV_LINE = Pattern.compile("\\((?:start)?line (\\d+)\\)");

    /** The rows with a value, numbered as a spreadsheet shows them (1 = the first line), maxRows + 1 at most. */
    private static List<XlsxRows.RawRow> readCsv(byte[] bytes, Texts texts) throws IOException {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(false)
                .get().parse(new StringReader(decode(bytes)))) {
            List<XlsxRows.RawRow> table = new ArrayList<>();
            int number = 0;
            for (CSVRecord record : parser) {
                number++;
                List<String> cells = record.toList();
                if (cells.stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                if (table.size() > texts.maxRows()) {
                    throw new InvalidInputException("file", texts.tooMany());
                }
                table.add(new XlsxRows.RawRow(number, cells.size() > XlsxRows.MAX_COLUMNS
                        ? cells.subList(0, XlsxRows.MAX_COLUMNS) : cells));
            }
            return table;
        }
    }

    /** UTF-8 when the bytes are valid UTF-8, otherwise GB18030 (what Excel writes on a Chinese Windows). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("GB18030"));
        }
    }
}
