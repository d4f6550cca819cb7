package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void shouldDropTheEnginesErrorAndTheRestWarningForARefusedPasswordOnly() {
        ProcessEngineException refusal = new ProcessEngineException("Password does not match policy");
        assertThat(decide("org.camunda.bpm.engine.context",
                "ENGINE-16004 Exception while closing command context: {}", refusal.getMessage(), refusal))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.camunda.bpm.engine.rest.exception", "ENGINE-REST-HTTP500 "
                + org.camunda.bpm.engine.impl.util.ExceptionUtil.getExceptionStacktrace(refusal)))
                .isEqualTo(FilterReply.DENY);

        ProcessEngineException other = new ProcessEngineException("Cannot find task with id 1: task is null");
        assertThat(decide("org.camunda.bpm.engine.context",
                "ENGINE-16004 Exception while closing command context: {}", other.getMessage(), other))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.camunda.bpm.engine.rest.exception", "ENGINE-REST-HTTP500 "
                + org.camunda.bpm.engine.impl.util.ExceptionUtil.getExceptionStacktrace(other)))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("com.enrollflow.somewhere", "failed", refusal)).as("not the engine's")
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
