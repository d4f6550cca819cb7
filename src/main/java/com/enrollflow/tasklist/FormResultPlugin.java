package com.enrollflow.tasklist;

import java.util.Set;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Registers with Tasklist (through {@code META-INF/services}) what it shows after 启动 and after 完成: its REST
 * resource, and its front end from {@code plugin-webapp/enrollflow-form-result/app/plugin.js}, which Tasklist loads on
 * every page.
 */
public class FormResultPlugin extends AbstractTasklistPlugin {

    public static final String ID = "enrollflow-form-result";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(FormResultResource.class);
    }
}
