package com.enrollflow.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestTemplate;

import com.enrollflow.EnrollFlowApplication;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.enrollflow.testsupport.Uploads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Benchmark, not a test (never run by surefire): 银行流水对账 with a long statement. Finance (fengyu) confirms N bank
 * transfers two ways in the same run, over HTTP as a finance tool would:
 * <ul>
 * <li><b>one by one</b> (the baseline): {@code POST /api/payments/{id}/confirmation} for each of N transfers, which
 * completes each one's 确认到账 as finance would in Tasklist (decision 692);</li>
 * <li><b>by statement</b>: one {@code POST /api/payments/bank-statements} naming N other transfers among L lines (the
 * rest credits that name no transfer and payments out, as a month's account statement has them);</li>
 * <li><b>read only</b>: a statement of L lines that names no transfer (reading, matching and the report).</li>
 * </ul>
 * <pre>
 *   src/bench/bank-statement.sh [h2|postgres] [transfers=200] [lines=5000]
 * </pre>
 * A quarter as many transfers are confirmed both ways first, not measured (the JIT's warm-up). Prints each phase's
 * time, the time per confirmed transfer and the ratio of the statement's to the baseline's.
 */
public final class BankStatementBenchmark {

    private BankStatementBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchApplication.Args parsed = BenchApplication.Args.parse(args,
                "BankStatementBenchmark [h2|postgres] [transfers=200] [lines=5000] [--spring.property=value ...]");
        int transfers = parsed.number(1, 200);
        int lines = parsed.number(2, 5_000);
        Path h2 = parsed.database().equals("h2") ? Files.createTempDirectory("enrollflow-bench-bank") : null;
        List<String> appArgs = new ArrayList<>(parsed.appArgs());
        // the transfers are prepared by running their jobs in this thread; what follows a confirmation is not measured
        appArgs.add("--camunda.bpm.job-execution.enabled=false");
        ConfigurableApplicationContext context = new SpringApplication(EnrollFlowApplication.class)
                .run(BenchApplication.bootArgs(parsed.database(), h2, appArgs));
        try {
            run(context, parsed.database(), transfers, lines);
        } finally {
            context.close();
        }
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext context, String database, int transfers, int lines) {
        Sales sales = context.getBean(Sales.class);
        RestTemplate finance = new RestTemplateBuilder()
                .rootUri("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .basicAuthentication("fengyu", "demo").build();
        System.out.printf(Locale.ROOT, "== bank statement, %s, %d transfers per phase, %d lines per statement%n",
                database, transfers, lines);

        long t = System.nanoTime();
        int warmUp = Math.max(1, transfers / 4);
        List<Sales.WaitingTransfer> oneByOne = new ArrayList<>();
        List<Sales.WaitingTransfer> byStatement = new ArrayList<>();
        for (int i = 0; i < 2 * (warmUp + transfers); i++) {
            (i % 2 == 0 ? oneByOne : byStatement).add(sales.transferWaitingForFinance("HXB" + i + "N"
                    + Leads.newPhone().substring(5)));
        }
        System.out.printf(Locale.ROOT, "prepared %d transfers waiting for finance in %.1f s%n",
                2 * (warmUp + transfers), seconds(t));
        // both ways once over a quarter as many, not measured: the JIT compiles what both phases run
        confirmOneByOne(finance, oneByOne.subList(0, warmUp));
        upload(finance, "预热.csv",
                statement(byStatement.subList(0, warmUp).stream().map(BankStatementBenchmark::line).toList()));
        oneByOne = oneByOne.subList(warmUp, oneByOne.size());
        byStatement = byStatement.subList(warmUp, byStatement.size());

        // the statements' other lines, the same in both statements
        List<String> filler = new ArrayList<>();
        for (int i = 0; filler.size() < lines; i++) {
            filler.add(i % 5 == 0 ? "2026-12-05,ZC" + i + ",房租,物业公司,,\"8,000.00\""
                    : "2026-12-05,QT" + i + ",学费 附言" + i + ",家长" + i + ",\"3,200.00\",");
        }

        t = System.nanoTime();
        JsonNode readOnly = upload(finance, "只读.csv", statement(filler));
        double readSeconds = seconds(t);
        check(readOnly.get("confirmed").asInt() == 0, "the read-only statement confirmed something: " + readOnly);

        t = System.nanoTime();
        confirmOneByOne(finance, oneByOne);
        double oneByOneSeconds = seconds(t);

        List<String> named = new ArrayList<>(filler.subList(0, lines - transfers));
        for (int i = 0; i < byStatement.size(); i++) {
            named.add(i * (named.size() + 1) / byStatement.size(), line(byStatement.get(i)));
        }
        t = System.nanoTime();
        JsonNode report = upload(finance, "十二月流水.csv", statement(named));
        double statementSeconds = seconds(t);
        check(report.get("confirmed").asInt() == transfers, "confirmed " + report.get("confirmed") + " of "
                + transfers);

        double perOne = 1000 * oneByOneSeconds / transfers;
        double perLine = 1000 * (statementSeconds - readSeconds * (lines - transfers) / lines) / transfers;
        System.out.printf(Locale.ROOT, "read only:    %d lines, none confirmed, in %.2f s (%.3f ms a line)%n", lines,
                readSeconds, 1000 * readSeconds / lines);
        System.out.printf(Locale.ROOT, "one by one:   %d confirmations in %.2f s, %.1f ms each%n", transfers,
                oneByOneSeconds, perOne);
        System.out.printf(Locale.ROOT, "by statement: %d lines, %d confirmed, in %.2f s, %.1f ms per confirmed line "
                + "(the read-only time of the other lines taken off)%n", lines, transfers, statementSeconds, perLine);
        System.out.printf(Locale.ROOT, "ratio statement : one by one per confirmation = %.2f; a statement confirming "
                + "%d transfers would take about %.0f s%n", perLine / perOne, lines,
                perLine * lines / 1000 + readSeconds);
    }

    /** As 确认到账 in Tasklist decides one transfer after another, through the API. */
    private static void confirmOneByOne(RestTemplate finance, List<Sales.WaitingTransfer> transfers) {
        for (Sales.WaitingTransfer w : transfers) {
            JsonNode r = finance.postForObject("/api/payments/" + w.paymentId() + "/confirmation",
                    Map.of("received", true), JsonNode.class);
            check(r != null && "CONFIRMED".equals(r.get("status").asText()), "payment " + w.paymentId() + ": " + r);
        }
    }

    /** The statement's line of a transfer: its reference and amount, as the bank writes them. */
    private static String line(Sales.WaitingTransfer w) {
        return "2026-12-05," + w.reference() + ",学费,家长,\"" + String.format(Locale.ROOT, "%,.2f", w.price()) + "\",";
    }

    private static byte[] statement(List<String> lines) {
        return ("中国工商银行 账户交易明细\n交易日期,交易流水号,摘要,对方户名,收入金额,支出金额\n" + String.join("\n", lines) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode upload(RestTemplate finance, String fileName, byte[] csv) {
        JsonNode report = finance.postForObject("/api/payments/bank-statements", Uploads.file(fileName, csv),
                JsonNode.class);
        check(report != null, "no report");
        return report;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException(what);
        }
    }
}
