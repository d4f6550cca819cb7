package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;

/** Only the engine's lines for a refused password are dropped; every other failure is logged as before. */
class PasswordPolicyRefusalLogFilterTests {

    private final PasswordPolicyRefusalLogFilter filter = new PasswordPolicyRefusalLogFilter();
    private final LoggerContext context = new LoggerContext();

    private FilterReply decide(String logger, String format, Object... params) {
        Logger l = context.getLogger(logger);
        return filter.decide(null, l, Level.ERROR, format, params, null);
    }

    /** What the filter answers for the engine's ERROR line and for the REST API's 500 warning of {@code failure}. */
    private List<FilterReply> repliesTo(ProcessEngineException failure) {
        return List.of(decide("org.camunda.bpm.engine.context",
                "ENGINE-16004 Exception while closing command context: {}", failure.getMessage(), failure),
                decide("org.camunda.bpm.engine.rest.exception", "ENGINE-REST-HTTP500 "
                        + org.camunda.bpm.engine.impl.util.ExceptionUtil.getExceptionStacktrace(failure)));
    }

    @Test
    void shouldDropTheEnginesErrorAndTheRestWarningForARefusedPasswordOnly() {
        ProcessEngineException refusal = new ProcessEngineException("Password does not match policy");
        assertThat(repliesTo(refusal)).containsExactly(FilterReply.DENY, FilterReply.DENY);

        ProcessEngineException other = new ProcessEngineException("Cannot find task with id 1: task is null");
        assertThat(repliesTo(other)).containsExactly(FilterReply.NEUTRAL, FilterReply.NEUTRAL);
        assertThat(decide("com.enrollflow.somewhere", "failed", refusal)).as("not the engine's")
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
