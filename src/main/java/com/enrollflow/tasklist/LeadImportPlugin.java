package com.enrollflow.tasklist;

import java.util.Set;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Registers with Tasklist (through {@code META-INF/services}) the 导入线索 button of its header: its REST resource, and
 * its front end from {@code plugin-webapp/enrollflow-lead-import/app/plugin.js}.
 */
public class LeadImportPlugin extends AbstractTasklistPlugin {

    public static final String ID = "enrollflow-lead-import";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(LeadImportResource.class);
    }
}
