package com.enrollflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * How the benchmarks start the application: in-process, on a random port, on a fresh H2 file (the default
 * profile's URL and options) or on PostgreSQL in a schema dropped and recreated per run ({@code enrollflow_bench}, or
 * {@code -Dbench.pgSchema}; {@code -Dbench.keepSchema=true} keeps what is there, for a benchmark that reuses its data).
 */
final class BenchApplication {

    static final String PG_URL = env("ENROLLFLOW_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = env("ENROLLFLOW_BENCH_PG_USER", "postgres");
    static final String PG_PASSWORD = env("ENROLLFLOW_BENCH_PG_PASSWORD", "");
    /** The schema the benchmark owns: -Dbench.pgSchema, else enrollflow_bench (the board benchmark uses its own). */
    static final String PG_SCHEMA = pgSchema();

    private BenchApplication() {
    }

    /**
     * A benchmark's command line: positional arguments ({@code [h2|postgres] [count] [threads] ...}) and the
     * {@code --spring.property=value} arguments that go to the application unchanged, in any order.
     */
    record Args(String database, List<String> positional, List<String> appArgs) {

        /** Splits the arguments; prints {@code usage} and exits with 2 unless the database is h2 or postgres. */
        static Args parse(String[] args, String usage) {
            List<String> positional = new ArrayList<>();
            List<String> appArgs = new ArrayList<>();
            for (String a : args) {
                (a.startsWith("--") ? appArgs : positional).add(a);
            }
            String database = positional.isEmpty() ? "h2" : positional.get(0).toLowerCase(Locale.ROOT);
            if (!database.equals("h2") && !database.equals("postgres")) {
                System.err.println("usage: " + usage);
                System.exit(2);
            }
            return new Args(database, List.copyOf(positional), List.copyOf(appArgs));
        }

        /** The positional argument at {@code index} (0 is the database) as a number, or the fallback. */
        int number(int index, int fallback) {
            return positional.size() > index ? Integer.parseInt(positional.get(index)) : fallback;
        }
    }

    /**
     * Spring Boot arguments for the database; {@code appArgs} (--x=y) replace the benchmark's own value of the same
     * property. Resets the PostgreSQL schema; {@code h2Dir} is the fresh H2 directory (null on PostgreSQL).
     */
    static String[] bootArgs(String database, Path h2Dir, List<String> appArgs) throws Exception {
        List<String> boot = new ArrayList<>(List.of("--server.port=0", "--enrollflow.demo.enabled=true"));
        if (database.equals("h2")) {
            // demo users and demo secrets (ProductionSecretsGuard refuses a start without the demo profile or real ones)
            boot.add("--spring.profiles.active=demo");
            // -Dbench.h2UrlOptions=";X=Y" appends options for experiments
            boot.add("--spring.datasource.url=" + h2Url(h2Dir.resolve("enrollflow"))
                    + System.getProperty("bench.h2UrlOptions", ""));
        } else {
            resetPostgresSchema();
            String sep = PG_URL.contains("?") ? "&" : "?";
            // demo too: the local PostgreSQL trusts the bench without a database password, which ProductionSecretsGuard
            // would refuse outside the demo profile
            boot.addAll(List.of("--spring.profiles.active=postgres,demo",
                    "--spring.datasource.url=" + PG_URL + sep + "currentSchema=" + PG_SCHEMA,
                    "--spring.datasource.username=" + PG_USER,
                    "--spring.datasource.password=" + PG_PASSWORD,
                    "--spring.flyway.default-schema=" + PG_SCHEMA,
                    "--spring.flyway.schemas=" + PG_SCHEMA,
                    "--camunda.bpm.database.schema-name=" + PG_SCHEMA,
                    "--camunda.bpm.database.table-prefix=" + PG_SCHEMA + ".",
                    // ProductionSecretsGuard refuses the postgres profile without a real admin password
                    "--camunda.bpm.admin-user.password=bench-" + UUID.randomUUID(),
                    // GatewaySignature refuses to start without a secret, which the postgres profile reads from
                    // ENROLLFLOW_GATEWAY_SECRET only
                    "--enrollflow.payment.gateway-secret=bench-" + UUID.randomUUID()));
        }
        for (String a : appArgs) {
            String key = a.contains("=") ? a.substring(0, a.indexOf('=') + 1) : a;
            boot.removeIf(b -> b.startsWith(key));
            boot.add(a);
        }
        return boot.toArray(String[]::new);
    }

    /** The default profile's H2 URL (application.yaml), pointed at another database file. */
    static String h2Url(Path file) throws IOException {
        String configured = null;
        for (var source : new YamlPropertySourceLoader().load("application.yaml",
                new ClassPathResource("application.yaml"))) {
            Object url = source.getProperty("spring.datasource.url");
            if (url != null) {
                configured = url.toString();
                break;
            }
        }
        var m = configured == null ? null
                : java.util.regex.Pattern.compile("^jdbc:h2:file:([^;]+)(.*)$").matcher(configured);
        if (m == null || !m.matches()) {
            throw new IllegalStateException("application.yaml's spring.datasource.url is not an H2 file URL: "
                    + configured);
        }
        return "jdbc:h2:file:" + file + m.group(2);
    }

    static void resetPostgresSchema() throws Exception {
        if (Boolean.getBoolean("bench.keepSchema")) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("create schema if not exists " + PG_SCHEMA);
            }
            return;
        }
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + PG_SCHEMA + " cascade");
            s.execute("create schema " + PG_SCHEMA);
        }
    }

    /** Nearest-rank percentile of the values (not sorted in place). */
    static double pct(double[] values, int percentile) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int i = (int) Math.ceil(percentile / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    private static String pgSchema() {
        String schema = System.getProperty("bench.pgSchema", "enrollflow_bench");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bench.pgSchema must be a plain lower-case identifier: " + schema);
        }
        return schema;
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * Without autovacuum (this machine's PostgreSQL has it off) the planner never gets statistics, and the plans
     * that the pooled connections cached while the tables were nearly empty stay: e.g. the engine's authorization
     * lookup then reads every task authorization of the group. A production server analyzes by itself; here the
     * benchmark does it once its tables are filled ({@code when}), which also invalidates the cached plans.
     */
    static void analyzeIfNoAutovacuum(DataSource dataSource, String when) throws java.sql.SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean autovacuum;
            try (var on = statement.executeQuery("show autovacuum")) {
                autovacuum = on.next() && "on".equals(on.getString(1));
            }
            if (autovacuum) {
                return;
            }
            List<String> tables = new ArrayList<>();
            try (var names = statement.executeQuery("select tablename from pg_tables where schemaname = '"
                    + PG_SCHEMA + "'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("analyze " + PG_SCHEMA + "." + table);
            }
            System.out.printf("PostgreSQL runs with autovacuum off: analyzed the %d tables of %s %s, as autovacuum "
                    + "would%n", tables.size(), PG_SCHEMA, when);
        }
    }
}
