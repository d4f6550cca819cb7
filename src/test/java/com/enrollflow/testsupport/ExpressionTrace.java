package com.enrollflow.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * A bean an expression can call ({@code ${expressionTrace.mark()}}): the count shows whether the engine evaluated
 * an expression at all, whatever it did with the value afterwards.
 */
@Component
public class ExpressionTrace {

    public static final String EXPRESSION = "${expressionTrace.mark()}";

    private final AtomicInteger evaluations = new AtomicInteger();

    public String mark() {
        evaluations.incrementAndGet();
        return "evaluated";
    }

    public int evaluations() {
        return evaluations.get();
    }
}
