package com.enrollflow.reporting;

import java.util.ArrayList;
import java.util.List;

import com.enrollflow.common.TableWorkbook;

/**
 * 监管余额 as finance exports it, with Chinese headers and a 合计 row: CSV in UTF-8 with a byte-order mark (so Excel
 * shows the Chinese), amounts as plain numbers with two decimals; or an Excel workbook with the amounts as numbers,
 * built as every other export ({@link TableWorkbook}).
 * The moment of the figures is in the file's name.
 */
final class CustodialBalanceExport {

    static final List<String> HEADERS = List.of("校区代码", "校区", "监管银行", "监管账号", "户名", "已收", "已消课时价值", "已退",
            "已扣手续费", "监管余额");
    static final String SHEET = "监管余额";
    private static final String TOTAL = "合计";
    private static final String NO_ACCOUNT = "未登记监管账户";

    private CustodialBalanceExport() {
    }

    static byte[] csv(CustodialBalance report) {
        return TableWorkbook.csv(tables(report));
    }

    static byte[] xlsx(CustodialBalance report) {
        return TableWorkbook.xlsx(tables(report));
    }

    private static List<TableWorkbook.Table> tables(CustodialBalance report) {
        return List.of(new TableWorkbook.Table(SHEET, HEADERS, lines(report)));
    }

    /** One line per campus, then 合计; amounts as BigDecimal, the rest as text. */
    private static List<List<Object>> lines(CustodialBalance report) {
        List<List<Object>> lines = new ArrayList<>();
        for (CustodialBalance.Row c : report.campuses()) {
            lines.add(List.of(c.campusCode(), c.campusName(), c.bankName() == null ? NO_ACCOUNT : c.bankName(),
                    c.accountNo() == null ? "" : c.accountNo(), c.accountName() == null ? "" : c.accountName(),
                    c.paid(), c.consumedValue(), c.refunded(), c.feesKept(), c.balance()));
        }
        CustodialBalance.Figures t = report.total();
        lines.add(List.of(TOTAL, "", "", "", "", t.paid(), t.consumedValue(), t.refunded(), t.feesKept(),
                t.balance()));
        return lines;
    }
}
