package com.enrollflow.reporting;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs a report's independent statements side by side, each on its own connection: 销售过程's seven stage times each
 * sort a period's durations for their median, and PostgreSQL runs such a sort on one core. At most
 * {@code enrollflow.reports.parallel-statements} of them run on threads of their own across the node; when those are
 * busy the asking thread runs the statement itself, so no report waits in a queue behind another and the connection
 * pool lends the reports at most that many connections more than it lends their requests. 0: one after the other, in
 * the request.
 */
@Component
class ParallelStatements implements DisposableBean {

    private final ThreadPoolExecutor threads;

    ParallelStatements(@Value("${enrollflow.reports.parallel-statements:2}") int size) {
        if (size < 0) {
            throw new IllegalArgumentException("enrollflow.reports.parallel-statements must be 0 or more: " + size);
        }
        if (size == 0) {
            threads = null;
            return;
        }
        AtomicInteger number = new AtomicInteger();
        threads = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), work -> {
            Thread thread = new Thread(work, "report-statement-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, (work, pool) -> work.run()); // the asking thread, also while the node shuts down
        threads.allowCoreThreadTimeOut(true);
    }

    /** Each statement's answer, in the order asked; the first one that failed fails the whole, as it would alone. */
    <T> List<T> all(List<Supplier<T>> statements) {
        if (threads == null) {
            return statements.stream().map(Supplier::get).toList();
        }
        List<CompletableFuture<T>> answers = statements.stream()
                .map(statement -> CompletableFuture.supplyAsync(statement, threads)).toList();
        return answers.stream().map(ParallelStatements::answer).toList();
    }

    private static <T> T answer(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }
}
