package com.enrollflow.bench;

import static com.enrollflow.bench.BenchApplication.pct;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.enrollflow.EnrollFlowApplication;
import com.enrollflow.marketing.CampaignReports;
import com.enrollflow.planning.TargetReports;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Scope;
import com.enrollflow.renewal.RenewalReports;
import com.enrollflow.reporting.CreditReports;
import com.enrollflow.reporting.FunnelDrilldown;
import com.enrollflow.reporting.Funnels;
import com.enrollflow.reporting.SalesProcess;
import com.enrollflow.reporting.ServiceLevels;
import com.enrollflow.survey.SatisfactionReport;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Benchmark, not a test (never run by surefire): the Cockpit business board (经营看板) on 1 000 000 opportunities.
 * PostgreSQL only. The application starts in-process ({@code postgres,demo} profiles, schema
 * {@code enrollflow_board_bench} unless -Dbench.pgSchema says otherwise); {@link BoardLoad} writes the opportunities,
 * their timeline, assignment events, payments, credits, refunds, renewals, complaints, surveys, campaigns and targets
 * with SQL; then every board query (the service methods BoardResource calls) is timed as campus director zhouhua (one
 * campus, BJ-HD) and as head office gaofeng (all campuses), for the last full month and the twelve months up to it,
 * beside the floor: {@code select count(*) from opportunity where received_at >= ? and received_at < ? [and
 * campus_code = ?]} over the same rows, run once before each board call, through the same connection pool.
 *
 * <pre>
 *   src/bench/board.sh [opportunities=1000000] [--spring.property=value ...]
 * </pre>
 *
 * System properties: bench.reps (20), bench.warmup (3), bench.compare (false: measure as migrated; true: measure first
 * with V27's indexes dropped, then create them and measure again, same data, same run), bench.explain (11: for how
 * many queries to EXPLAIN (ANALYZE, BUFFERS) the statements of their answer furthest from its floor, 0: none),
 * bench.reuse (false: drop the schema and load; true: keep the schema and its rows when they are already loaded with
 * the same count).
 */
public final class BoardBenchmark {

    static final String SCHEMA_DEFAULT = "enrollflow_board_bench";
    static final String INDEX_MIGRATION = "db/migration/V27__board_indexes.sql";

    private BoardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("bench.pgSchema") == null) {
            System.setProperty("bench.pgSchema", SCHEMA_DEFAULT);
        }
        long n = 1_000_000;
        List<String> appArgs = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                appArgs.add(a);
            } else if (a.equalsIgnoreCase("postgres")) {
                continue;
            } else if (a.matches("\\d+")) {
                n = Long.parseLong(a);
            } else {
                System.err.println("usage: BoardBenchmark [opportunities=1000000] [--spring.property=value ...]");
                System.exit(2);
            }
        }
        boolean reuse = Boolean.getBoolean("bench.reuse");
        if (reuse) {
            System.setProperty("bench.keepSchema", "true");
        }
        int explain = Integer.getInteger("bench.explain", 11);
        SpringApplication app = new SpringApplication(EnrollFlowApplication.class);
        if (explain > 0) {
            app.addInitializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource ds && name.equals("dataSource") ? SqlCapture.wrap(ds) : bean;
                }
            }));
        }
        long started = System.nanoTime();
        ConfigurableApplicationContext context = app.run(BenchApplication.bootArgs("postgres", null, appArgs));
        System.out.printf(Locale.ROOT, "== application started in %.1f s (schema %s)%n",
                (System.nanoTime() - started) / 1e9, BenchApplication.PG_SCHEMA);
        int exit;
        try {
            exit = new Run(context, n, reuse, explain).call();
        } finally {
            context.close();
        }
        System.exit(exit);
    }

    /** A board query: its name and the call, as the board makes it for a period in the caller's scope. */
    record Query(String name, Board call) {
    }

    @FunctionalInterface
    interface Board {
        Object answer(LocalDate from, LocalDate to, Scope visible) throws Exception;
    }

    /** Who asks: a demo user, and the campus the floor counts (null: all). */
    record Reader(String label, String userId, String campus) {
    }

    record Period(String label, LocalDate from, LocalDate to) {
    }

    /** One measured cell: a query, period and reader; board and floor times in ms. */
    record Cell(Query query, Period period, Reader reader, double[] board, long rows) {
    }

    static final class Run {
        private final ConfigurableApplicationContext context;
        private final long n;
        private final boolean reuse;
        private final int explain;
        private final JdbcTemplate jdbc;
        private final IdentityService identity;
        private final CampusScope scope;
        private final ObjectMapper json;
        private final int reps = Integer.getInteger("bench.reps", 20);
        private final int warmup = Integer.getInteger("bench.warmup", 3);
        private final List<Query> queries;
        private long timelineId;
        private final List<Reader> readers = List.of(new Reader("BJ-HD (zhouhua)", "zhouhua", "BJ-HD"),
                new Reader("all (gaofeng)", "gaofeng", null));

        Run(ConfigurableApplicationContext context, long n, boolean reuse, int explain) {
            this.context = context;
            this.n = n;
            this.reuse = reuse;
            this.explain = explain;
            this.jdbc = context.getBean(JdbcTemplate.class);
            this.identity = context.getBean(IdentityService.class);
            this.scope = context.getBean(CampusScope.class);
            this.json = context.getBean(ObjectMapper.class);
            Funnels funnels = context.getBean(Funnels.class);
            FunnelDrilldown drilldown = context.getBean(FunnelDrilldown.class);
            SalesProcess salesProcess = context.getBean(SalesProcess.class);
            ServiceLevels serviceLevels = context.getBean(ServiceLevels.class);
            SatisfactionReport satisfaction = context.getBean(SatisfactionReport.class);
            RenewalReports renewals = context.getBean(RenewalReports.class);
            CreditReports credit = context.getBean(CreditReports.class);
            CampaignReports campaigns = context.getBean(CampaignReports.class);
            TargetReports targets = context.getBean(TargetReports.class);
            // as BoardResource calls them with from, to and no other filter (BoardFilter, BoardPeriod)
            this.queries = List.of(
                    new Query("funnel 销售漏斗", (f, t, v) -> funnels.report(filter(f, t))),
                    new Query("breakdown TEAM 分组对比", (f, t, v) -> funnels.breakdown(filter(f, t), "TEAM")),
                    new Query("drilldown paid 穿透", (f, t, v) -> drilldown.opportunities(filter(f, t), "paid")),
                    new Query("sales process 销售过程", (f, t, v) -> salesProcess.report(filter(f, t))),
                    // its click-through: the stuck opportunities now, most overdue first (the same for every period)
                    new Query("stuck listing 停滞商机明细", (f, t, v) -> salesProcess.stuck(filter(f, t))),
                    new Query("service levels 服务水平", (f, t, v) -> serviceLevels.report(v, null, f, t)),
                    new Query("satisfaction 满意度", (f, t, v) -> satisfaction.report(v,
                            f.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime(),
                            t.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime(), f.toString(),
                            t.toString())),
                    new Query("renewals 续费", (f, t, v) -> renewals.report(v, null, f, t)),
                    new Query("credit 业绩", (f, t, v) -> credit.report(v, null, f, t)),
                    new Query("campaigns 活动ROI", (f, t, v) -> campaigns.report(v, null, f, t)),
                    new Query("targets 计划完成", (f, t, v) -> targets.report(null, YearMonth.from(t).toString())),
                    // opening one opportunity of the list (the newest paid of BJ-HD): the same for every period
                    new Query("timeline 客户动态", (f, t, v) -> drilldown.timeline(timelineId)));
        }

        private static Funnels.Filter filter(LocalDate from, LocalDate to) {
            return new Funnels.Filter(from, to, null, null, null, null);
        }

        int call() throws Exception {
            printSettings();
            try (Connection c = BoardLoad.connect(BenchApplication.PG_SCHEMA)) {
                long have = count(c, "select count(*) from opportunity where id < " + BoardLoad.RENEWAL_BASE);
                if (reuse && have == n) {
                    System.out.println("== reusing the " + have + " opportunities already in "
                            + BenchApplication.PG_SCHEMA);
                    // a migration run at this start may have rewritten rows (V28 set the money on 91 000): vacuum
                    // as autovacuum would, or the floor's index-only count visits the heap and looks slower
                    long t0 = System.nanoTime();
                    try (java.sql.Statement s = c.createStatement()) {
                        s.execute("vacuum analyze");
                    }
                    System.out.printf(java.util.Locale.ROOT, "  %-26s %21.1f s%n", "vacuum analyze",
                            (System.nanoTime() - t0) / 1e9);
                } else if (have > 0) {
                    throw new IllegalStateException(BenchApplication.PG_SCHEMA + " holds " + have
                            + " opportunities, not " + n + ": run without -Dbench.reuse=true to reload");
                } else {
                    BoardLoad.load(c, n, OffsetDateTime.now(BusinessTime.ZONE).truncatedTo(ChronoUnit.HOURS));
                }
                printData(c);
                timelineId = count(c, "select max(id) from opportunity where campus_code = 'BJ-HD' "
                        + "and paid_at is not null");
            }
            LocalDate today = LocalDate.now(BusinessTime.ZONE);
            LocalDate monthTo = today.withDayOfMonth(1).minusDays(1);
            List<Period> periods = List.of(new Period("month", monthTo.withDayOfMonth(1), monthTo),
                    new Period("year", monthTo.plusDays(1).minusYears(1), monthTo));
            periods.forEach(p -> System.out.println("== period " + p.label() + ": " + p.from() + " .. " + p.to()));
            sample(periods);

            List<String> indexes = indexStatements();
            if (Boolean.getBoolean("bench.compare") && !indexes.isEmpty()) {
                dropIndexes(indexes);
                List<Cell> before = measure("without V27 indexes", periods);
                createIndexes(indexes);
                List<Cell> after = measure("with V27 indexes", periods);
                compare(before, after);
                explainSlowest(after);
            } else {
                List<Cell> cells = measure(indexes.isEmpty() ? "as migrated (no V27)" : "as migrated (with V27)",
                        periods);
                explainSlowest(cells);
            }
            return 0;
        }

        private void printSettings() {
            System.out.println("== board benchmark, PostgreSQL, " + n + " opportunities, " + reps
                    + " repetitions after " + warmup + " warm-up, per query, period and reader");
            jdbc.query("select version()", rs -> {
                System.out.println("== " + rs.getString(1));
            });
            for (String setting : List.of("jit", "shared_buffers", "work_mem", "effective_cache_size",
                    "random_page_cost", "max_parallel_workers_per_gather")) {
                System.out.println("   " + setting + " = " + jdbc.queryForObject("show " + setting, String.class));
            }
        }

        private static long count(Connection c, String sql) throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        private void printData(Connection c) throws Exception {
            System.out.println("== rows");
            for (String table : List.of("customer", "opportunity", "timeline_event", "assignment_event", "quote",
                    "contract", "payment_order", "payment", "sales_credit", "refund", "refund_payout",
                    "sales_credit_reversal", "renewal", "complaint", "survey", "campaign", "sales_target")) {
                System.out.printf(Locale.ROOT, "  %-22s %,12d%n", table, count(c, "select count(*) from " + table));
            }
            System.out.printf(Locale.ROOT, "  opportunities: %,d paid, %,d open, %,d split, %,d renewals, "
                    + "%,d without campus; table %s, its indexes %s%n",
                    count(c, "select count(*) from opportunity where paid_at is not null"),
                    count(c, "select count(*) from opportunity where status = 'OPEN'"),
                    count(c, "select count(*) from opportunity where split_from_id is not null"),
                    count(c, "select count(*) from opportunity where renewal_of_id is not null"),
                    count(c, "select count(*) from opportunity where campus_code is null"),
                    size(c, "pg_table_size('opportunity')"), size(c, "pg_indexes_size('opportunity')"));
        }

        private static String size(Connection c, String expression) throws Exception {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_size_pretty("
                    + expression + ")")) {
                rs.next();
                return rs.getString(1);
            }
        }

        /** One answer of each query, abbreviated: every section has data. */
        private void sample(List<Period> periods) throws Exception {
            System.out.println("== one answer per section (year, all campuses), abbreviated");
            Reader all = readers.get(1);
            Period year = periods.get(1);
            authenticate(all);
            try {
                for (Query q : queries) {
                    String body = json.writeValueAsString(q.call().answer(year.from(), year.to(), scope.current()));
                    System.out.printf(Locale.ROOT, "  %-24s %,9d chars: %s%n", q.name(), body.length(),
                            body.length() > 220 ? body.substring(0, 220) + " …" : body);
                }
            } finally {
                identity.clearAuthentication();
            }
        }

        /** The engine authentication the webapps set for a logged-in user: groups and tenants. */
        private void authenticate(Reader reader) {
            List<String> groups = identity.createGroupQuery().groupMember(reader.userId()).list().stream()
                    .map(Group::getId).toList();
            List<String> tenants = identity.createTenantQuery().userMember(reader.userId()).includingGroupsOfUser(true)
                    .list().stream().map(Tenant::getId).toList();
            identity.setAuthentication(reader.userId(), groups, tenants);
        }

        private List<Cell> measure(String label, List<Period> periods) throws Exception {
            System.out.println();
            System.out.println("== measuring: " + label);
            List<Cell> cells = new ArrayList<>();
            Map<String, List<Double>> floors = new LinkedHashMap<>();
            Map<String, Long> floorRows = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            for (Period period : periods) {
                for (Reader reader : readers) {
                    String key = period.label() + "|" + reader.label();
                    List<Double> floor = floors.computeIfAbsent(key, k -> new ArrayList<>());
                    authenticate(reader);
                    try {
                        for (Query q : queries) {
                            for (int i = 0; i < warmup; i++) {
                                floor(period, reader);
                                board(q, period);
                            }
                            double[] board = new double[reps];
                            long rows = 0;
                            for (int i = 0; i < reps; i++) {
                                long f0 = System.nanoTime();
                                rows = floor(period, reader);
                                floor.add((System.nanoTime() - f0) / 1e6);
                                long b0 = System.nanoTime();
                                board(q, period);
                                board[i] = (System.nanoTime() - b0) / 1e6;
                            }
                            floorRows.put(key, rows);
                            cells.add(new Cell(q, period, reader, board, rows));
                            System.out.printf(Locale.ROOT, "  %-24s %-5s %-16s p50 %9.1f ms  p95 %9.1f ms%n",
                                    q.name(), period.label(), reader.label(), pct(board, 50), pct(board, 95));
                        }
                    } finally {
                        identity.clearAuthentication();
                    }
                }
            }
            System.out.printf(Locale.ROOT, "  (measured in %.0f s)%n", (System.nanoTime() - t0) / 1e9);
            System.out.println();
            System.out.println("== floor: select count(*) from opportunity where received_at >= ? and received_at < ? "
                    + "[and campus_code = ?], once before each board call (" + label + ")");
            floors.forEach((key, list) -> {
                double[] v = list.stream().mapToDouble(Double::doubleValue).toArray();
                System.out.printf(Locale.ROOT, "  %-26s %,9d rows  p50 %7.2f ms  p95 %7.2f ms  (%d samples)%n", key,
                        floorRows.get(key), pct(v, 50), pct(v, 95), v.length);
            });
            System.out.println();
            System.out.println("== board vs floor (" + label + ")");
            System.out.println("| query | period | scope | p50 ms | p95 ms | floor p95 ms | p95 / floor p95 | ≤ 2× |");
            System.out.println("| --- | --- | --- | ---: | ---: | ---: | ---: | --- |");
            for (Cell c : cells) {
                double floorP95 = floorP95(floors, c);
                double ratio = pct(c.board(), 95) / floorP95;
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.2f | %.1f | %s |%n", c.query().name(),
                        c.period().label(), c.reader().label(), pct(c.board(), 50), pct(c.board(), 95), floorP95,
                        ratio, ratio <= 2 ? "yes" : "no");
            }
            lastFloors = floors;
            return cells;
        }

        private Map<String, List<Double>> lastFloors;

        private static double floorP95(Map<String, List<Double>> floors, Cell c) {
            return pct(floors.get(c.period().label() + "|" + c.reader().label()).stream()
                    .mapToDouble(Double::doubleValue).toArray(), 95);
        }

        private long floor(Period period, Reader reader) {
            OffsetDateTime start = period.from().atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
            OffsetDateTime end = period.to().plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
            return reader.campus() == null
                    ? jdbc.queryForObject("select count(*) from opportunity where received_at >= ? and received_at < ?",
                            Long.class, start, end)
                    : jdbc.queryForObject("select count(*) from opportunity where received_at >= ? and received_at < ? "
                            + "and campus_code = ?", Long.class, start, end, reader.campus());
        }

        private Object board(Query q, Period period) throws Exception {
            // BoardPeriod.of reads the caller's scope on every request
            return q.call().answer(period.from(), period.to(), scope.current());
        }

        private void compare(List<Cell> before, List<Cell> after) {
            System.out.println();
            System.out.println("== before → after V27 (p95 ms; the floor of each run)");
            System.out.println("| query | period | scope | p95 before | p95 after | floor p95 after | ratio after |");
            System.out.println("| --- | --- | --- | ---: | ---: | ---: | ---: |");
            for (int i = 0; i < after.size(); i++) {
                Cell b = before.get(i);
                Cell a = after.get(i);
                double floorP95 = floorP95(lastFloors, a);
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f | %.1f | %.2f | %.1f |%n", a.query().name(),
                        a.period().label(), a.reader().label(), pct(b.board(), 95), pct(a.board(), 95), floorP95,
                        pct(a.board(), 95) / floorP95);
            }
        }

        /** The create index statements of V27 (empty before it exists). */
        private static List<String> indexStatements() throws IOException {
            ClassPathResource file = new ClassPathResource(INDEX_MIGRATION);
            if (!file.exists()) {
                return List.of();
            }
            String text = new String(file.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?m)--.*$", "");
            List<String> statements = new ArrayList<>();
            for (String s : text.split(";")) {
                if (!s.isBlank()) {
                    statements.add(s.trim().replaceAll("\\s+", " "));
                }
            }
            return statements;
        }

        private static final Pattern INDEX_NAME = Pattern.compile("(?i)create index (\\w+) on");

        private void dropIndexes(List<String> statements) {
            for (String s : statements) {
                Matcher m = INDEX_NAME.matcher(s);
                if (m.find()) {
                    jdbc.execute("drop index if exists " + m.group(1));
                }
            }
            jdbc.execute("analyze");
            System.out.println("== dropped V27's " + statements.size() + " indexes");
        }

        private void createIndexes(List<String> statements) {
            System.out.println("== creating V27's indexes");
            for (String s : statements) {
                long t0 = System.nanoTime();
                jdbc.execute(s);
                System.out.printf(Locale.ROOT, "  %6.1f s  %s%n", (System.nanoTime() - t0) / 1e9, s);
            }
            jdbc.execute("vacuum analyze");
        }

        /**
         * The board answers furthest from their floor, each run once more with its statements recorded, and every
         * statement EXPLAINed (ANALYZE, BUFFERS) with the values it was sent with: the execution time of each, the
         * full plan of the slowest; everything in target/board-explain.txt.
         */
        private void explainSlowest(List<Cell> cells) throws Exception {
            if (explain <= 0) {
                return;
            }
            // per query, its cell furthest from the floor; the queries furthest from it first
            Map<String, Cell> worst = new LinkedHashMap<>();
            Comparator<Cell> byRatio = Comparator.comparingDouble((Cell c) -> pct(c.board(), 95)
                    / floorP95(lastFloors, c));
            cells.forEach(c -> worst.merge(c.query().name(), c, (a, b) -> byRatio.compare(a, b) >= 0 ? a : b));
            List<Cell> slowest = worst.values().stream().sorted(byRatio.reversed()).limit(explain).toList();
            Path out = Path.of("target", "board-explain.txt");
            Files.createDirectories(out.getParent());
            try (PrintWriter file = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
                System.out.println();
                System.out.println("== EXPLAIN (ANALYZE, BUFFERS), per query its answer furthest from the floor ("
                        + slowest.size() + " queries; every statement's plan in " + out + ")");
                for (Cell c : slowest) {
                    authenticate(c.reader());
                    List<SqlCapture.Captured> statements;
                    try {
                        SqlCapture.start();
                        board(c.query(), c.period());
                    } finally {
                        statements = SqlCapture.stop();
                        identity.clearAuthentication();
                    }
                    String head = c.query().name() + ", " + c.period().label() + ", " + c.reader().label() + ": "
                            + statements.size() + " statements";
                    System.out.println("-- " + head);
                    file.println("-- " + head);
                    List<String[]> plans = new ArrayList<>();
                    for (SqlCapture.Captured s : statements) {
                        if (!s.sql().trim().toLowerCase(Locale.ROOT).startsWith("select")) {
                            continue;
                        }
                        List<String> plan = SqlCapture.explain(jdbc, s);
                        String time = plan.stream().filter(l -> l.startsWith("Execution Time")).findFirst()
                                .orElse("Execution Time: ?");
                        plans.add(new String[] {time, s.sql(), String.join("\n", plan), s.params().toString()});
                        file.println(s.sql());
                        file.println("params " + s.params());
                        plan.forEach(file::println);
                        file.println();
                    }
                    plans.sort(Comparator.comparingDouble((String[] p) -> -SqlCapture.executionMs(p[0])));
                    for (String[] p : plans.subList(0, Math.min(plans.size(), 4))) {
                        System.out.printf(Locale.ROOT, "   %-26s %s%n", p[0], SqlCapture.abbreviate(p[1], 150));
                    }
                    if (!plans.isEmpty()) {
                        System.out.println("   slowest statement's plan:");
                        plans.get(0)[2].lines().filter(l -> !l.isBlank()).limit(28)
                                .forEach(l -> System.out.println("     " + l));
                    }
                }
            }
        }

    }
}
