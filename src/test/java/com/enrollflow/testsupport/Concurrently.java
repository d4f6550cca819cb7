package com.enrollflow.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Calls started together, one thread each, released at the same moment: their results in the calls' order. */
public final class Concurrently {

    private static final long MAX_SECONDS = 60;

    private Concurrently() {
    }

    /** The calls' results; the first call that failed fails this too. */
    public static <T> List<T> run(List<? extends Callable<T>> calls) throws Exception {
        List<T> results = new ArrayList<>();
        for (Future<T> f : start(calls)) {
            results.add(f.get(MAX_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    /** Each call's result, or the exception it ended with: for races where all but one call are to be refused. */
    public static List<Object> outcomes(List<? extends Callable<?>> calls) throws Exception {
        List<Callable<Object>> asked = new ArrayList<>();
        calls.forEach(call -> asked.add(call::call));
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : start(asked)) {
            try {
                outcomes.add(f.get(MAX_SECONDS, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        return outcomes;
    }

    /** The same call {@code n} times. */
    public static <T> List<Callable<T>> times(int n, Callable<T> call) {
        return java.util.Collections.nCopies(n, call);
    }

    private static <T> List<Future<T>> start(List<? extends Callable<T>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        pool.shutdown();
        return futures;
    }
}
