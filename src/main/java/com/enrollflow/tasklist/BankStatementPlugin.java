package com.enrollflow.tasklist;

import java.util.Set;

import org.camunda.bpm.tasklist.plugin.spi.impl.AbstractTasklistPlugin;

/**
 * Registers with Tasklist (through {@code META-INF/services}) the 银行流水对账 button of its header: its REST resource,
 * and its front end from {@code plugin-webapp/enrollflow-bank-statement/app/plugin.js}.
 */
public class BankStatementPlugin extends AbstractTasklistPlugin {

    public static final String ID = "enrollflow-bank-statement";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(BankStatementResource.class);
    }
}
