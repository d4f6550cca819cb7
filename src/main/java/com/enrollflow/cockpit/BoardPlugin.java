package com.enrollflow.cockpit;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Registers 经营看板 with Cockpit (found through {@code META-INF/services}): its REST resource, and its front end from
 * {@code plugin-webapp/enrollflow-board/app/plugin.js}, which Cockpit loads on every page.
 */
public class BoardPlugin extends AbstractCockpitPlugin {

    public static final String ID = "enrollflow-board";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(BoardResource.class);
    }
}
