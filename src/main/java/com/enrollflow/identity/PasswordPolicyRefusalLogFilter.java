package com.enrollflow.identity;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the engine's own log lines for a password the password policy refused (decision 658): ENGINE-16004 at ERROR
 * and the REST API's ENGINE-REST-HTTP500 warning, each with a stack trace. The user chose the password; the answer is
 * a 400 naming the rules, and {@code EngineErrorBodies} logs the refusal at INFO. Any other failure of the engine is
 * logged as before. Registered in {@code logback-spring.xml}, so every start of the logging system has it.
 */
public class PasswordPolicyRefusalLogFilter extends TurboFilter {

    /** The engine's message (SaveUserCmd) when a new password breaks the policy. */
    static final String REFUSAL = "Password does not match policy";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (!logger.getName().startsWith("org.camunda.bpm.engine")) {
            return FilterReply.NEUTRAL;
        }
        // the engine passes its exception as the last argument (logback reads it as the throwable only later); the
        // REST API writes the exception's stack trace into the message itself (ENGINE-REST-HTTP500 <trace>)
        Object last = t != null ? t : params != null && params.length > 0 ? params[params.length - 1] : null;
        boolean refusal = last instanceof Throwable thrown ? REFUSAL.equals(thrown.getMessage())
                : format != null && format.startsWith(REST_WARNING);
        return refusal ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** How the REST API's warning for the refusal begins. */
    static final String REST_WARNING = "ENGINE-REST-HTTP500 org.camunda.bpm.engine.ProcessEngineException: " + REFUSAL
            + System.lineSeparator();
}
