package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

/**
 * 销售过程's stage times run side by side (decision 521): the report gets them in its order, a failure reaches the
 * request as itself (a lock another writer held stays a 409 to try again), and a node whose report threads are busy,
 * or shutting down, runs the statements in the request instead of making it wait.
 */
class ParallelStatementsTests {

    @Test
    void shouldAnswerInTheOrderAskedWhateverFinishesFirst() {
        ParallelStatements parallel = new ParallelStatements(2);
        try {
            List<Supplier<String>> statements = List.of(pause("first", 300), pause("second", 100),
                    pause("third", 0));
            assertThat(parallel.all(statements)).containsExactly("first", "second", "third");
        } finally {
            parallel.destroy();
        }
    }

    @Test
    void shouldHandOnAFailureAsItself() {
        ParallelStatements parallel = new ParallelStatements(2);
        try {
            List<Supplier<String>> statements = List.of(pause("first", 50), () -> {
                throw new CannotAcquireLockException("held by another writer");
            });
            assertThatThrownBy(() -> parallel.all(statements)).isInstanceOf(CannotAcquireLockException.class)
                    .hasMessage("held by another writer");
        } finally {
            parallel.destroy();
        }
    }

    @Test
    void shouldRunAStatementInTheAskingThreadWhenTheReportThreadsAreBusy() throws InterruptedException {
        ParallelStatements parallel = new ParallelStatements(1);
        try {
            CountDownLatch second = new CountDownLatch(1);
            Thread asking = Thread.currentThread();
            List<Supplier<String>> statements = List.of(() -> {
                // the only report thread waits until the second statement ran: only the asking thread can run it
                try {
                    return second.await(10, TimeUnit.SECONDS) ? "first" : "timed out";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }, () -> {
                second.countDown();
                return Thread.currentThread() == asking ? "second, in the request" : "second, elsewhere";
            });
            assertThat(parallel.all(statements)).containsExactly("first", "second, in the request");
        } finally {
            parallel.destroy();
        }
        // shut down: still answered, in the request
        assertThat(parallel.all(List.of(() -> "after", () -> "shutdown"))).containsExactly("after", "shutdown");
    }

    @Test
    void shouldRunThemOneAfterTheOtherInTheRequestWhenSetToNone() {
        ParallelStatements parallel = new ParallelStatements(0);
        Thread asking = Thread.currentThread();
        Supplier<String> where = () -> Thread.currentThread() == asking ? "in the request" : "elsewhere";
        assertThat(parallel.all(List.of(where, where))).containsExactly("in the request", "in the request");
        assertThatThrownBy(() -> new ParallelStatements(-1)).hasMessageContaining("parallel-statements");
    }

    private static Supplier<String> pause(String answer, long millis) {
        return () -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return answer;
        };
    }
}
