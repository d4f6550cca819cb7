package com.enrollflow.workflow.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** How our engine plugins add a command interceptor: after those already configured, never replacing them. */
final class EngineInterceptors {

    private EngineInterceptors() {
    }

    /** The configured interceptors (null: none yet) with {@code added} last, as a new list. */
    static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor added) {
        List<CommandInterceptor> interceptors = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
        interceptors.add(added);
        return interceptors;
    }
}
