package com.enrollflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.enrollflow.EnrollFlowApplication;
import com.enrollflow.common.ReusedPlans;
import com.enrollflow.testsupport.JobRows;

/**
 * Benchmark, not a test (never run by surefire): the job executor's acquisition on PostgreSQL with and without the
 * two job indexes of decision 527, in the same run, on the same rows. The engine's own statement
 * ({@code selectNextJobsToExecute}, three jobs, as {@code AcquireJobsCmd} asks it, with the job executor's plan
 * setting) against two job tables made by SQL:
 * <ul>
 * <li><b>idle</b>: N timers due over the coming week (two recycle timers for each open lead's task; N = 400 000 is
 * 200 000 open tasks), none due now: what every node asks at least every 10 s;</li>
 * <li><b>busy</b>: the same with 100 of them due now, spread through the table, half of them async continuations;</li>
 * <li><b>a storm</b>: 5 000 timers due at once, three of them running (locked by a node), after 30 000 done ones
 * were deleted (the dead rows autovacuum has not yet removed).</li>
 * </ul>
 * <pre>
 *   src/bench/job-acquisition.sh [pending timers=400000]
 * </pre>
 * The job executor is off; the rows are removed at the end. Prints p50 and p95 per case and the ratio.
 */
public final class JobAcquisitionBenchmark {

    private static final int REPS = Integer.getInteger("bench.reps", 40);

    private JobAcquisitionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> all = new ArrayList<>(List.of("postgres"));
        all.addAll(List.of(args));
        BenchApplication.Args parsed = BenchApplication.Args.parse(all.toArray(String[]::new),
                "JobAcquisitionBenchmark [pending timers=400000] [--spring.property=value ...]");
        int pending = parsed.number(1, 400_000);
        List<String> appArgs = new ArrayList<>(parsed.appArgs());
        appArgs.add("--camunda.bpm.job-execution.enabled=false");
        ConfigurableApplicationContext context = new SpringApplication(EnrollFlowApplication.class)
                .run(BenchApplication.bootArgs("postgres", null, appArgs));
        try {
            new Run(context).call(pending);
        } finally {
            context.close();
        }
        System.exit(0);
    }

    /** One run against a started application. */
    static final class Run {
        private final JdbcTemplate jdbc;
        private final ProcessEngineConfigurationImpl configuration;
        private final ReusedPlans plans;

        Run(ConfigurableApplicationContext context) {
            this.jdbc = context.getBean(JdbcTemplate.class);
            this.configuration = (ProcessEngineConfigurationImpl) context.getBean(ProcessEngine.class)
                    .getProcessEngineConfiguration();
            this.plans = context.getBean(ReusedPlans.class);
        }

        void call(int pending) {
            System.out.printf(Locale.ROOT, "== job acquisition, PostgreSQL, %d reps per case%n", REPS);
            long t = System.nanoTime();
            timers(1, pending, "localtimestamp + interval '1 day' + (g % 604800) * interval '1 second'", null);
            jdbc.execute("analyze act_ru_job");
            System.out.printf(Locale.ROOT, "idle: %d pending timers, none due, inserted in %.1f s%n", pending,
                    (System.nanoTime() - t) / 1e9);
            compare("idle", "ENFL_IDX_JOB_DUEDATE", "create index ENFL_IDX_JOB_DUEDATE on act_ru_job (DUEDATE_)");

            // 100 of them due now, spread through the table as due timers are (every 4 000th row at 400 000), half
            // of them async continuations (no due date)
            int every = Math.max(1, pending / 100);
            jdbc.update("update act_ru_job set duedate_ = case when cast(substr(id_, 5) as integer) % (2 * ?) = 0 "
                    + "then null else localtimestamp - interval '1 minute' end where id_ like 'acq-%' "
                    + "and cast(substr(id_, 5) as integer) % ? = 0", every, every);
            jdbc.execute("analyze act_ru_job");
            System.out.println("busy: 100 of them due, spread through the table");
            compare("busy", "ENFL_IDX_JOB_DUEDATE", "create index ENFL_IDX_JOB_DUEDATE on act_ru_job (DUEDATE_)");

            jdbc.update("delete from act_ru_job where id_ like 'acq-%'");
            timers(1, 30_000, "localtimestamp - interval '1 minute'", null);
            jdbc.update("delete from act_ru_job where id_ like 'acq-%'");
            timers(1, 4_997, "localtimestamp - interval '1 minute'", null);
            timers(4_998, 5_000, "localtimestamp - interval '1 minute'", "node-x");
            jdbc.execute("analyze act_ru_job");
            System.out.println("storm: 5 000 due, 3 of them running, 30 000 deleted before");
            compare("storm", "ENFL_IDX_JOB_LOCKED", "create index ENFL_IDX_JOB_LOCKED on act_ru_job "
                    + "(PROCESS_INSTANCE_ID_) where LOCK_OWNER_ is not null");
            jdbc.update("delete from act_ru_job where id_ like 'acq-%'");
        }

        /** The case with the index as the application made it, without it, and with it again; then the ratio. */
        private void compare(String name, String index, String create) {
            double[] with = measure(name + ", with " + index);
            jdbc.execute("drop index " + index);
            double[] without = measure(name + ", without " + index);
            jdbc.execute(create);
            double[] again = measure(name + ", with " + index + " again");
            double withP95 = Math.max(BenchApplication.pct(with, 95), BenchApplication.pct(again, 95));
            System.out.printf(Locale.ROOT, "%s: p95 without : with = %.1f%n", name,
                    BenchApplication.pct(without, 95) / withP95);
        }

        private double[] measure(String label) {
            Command<List<AcquirableJobEntity>> acquire = ctx -> {
                plans.inThisTransaction();
                return ctx.getJobManager().findNextJobsToExecute(new Page(0, 3));
            };
            for (int i = 0; i < 5; i++) {
                configuration.getCommandExecutorTxRequired().execute(acquire);
            }
            double[] ms = new double[REPS];
            int found = 0;
            for (int i = 0; i < REPS; i++) {
                long t = System.nanoTime();
                found = configuration.getCommandExecutorTxRequired().execute(acquire).size();
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            System.out.printf(Locale.ROOT, "  %-48s p50 %8.2f ms  p95 %8.2f ms  (%d jobs found)%n", label,
                    BenchApplication.pct(ms, 50), BenchApplication.pct(ms, 95), found);
            return ms;
        }

        /** Timers {@code from} to {@code to}, due at {@code due} (SQL), locked by {@code owner} (or not). */
        private void timers(int from, int to, String due, String owner) {
            jdbc.update(JobRows.timers("acq", from, to, due, owner));
        }
    }
}
