package com.enrollflow.refund;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import com.enrollflow.testsupport.Leads;

/** A refund's process as the tests walk it: found by its number, its jobs run, its one open task. */
final class RefundFlows {

    private RefundFlows() {
    }

    /** The refund's process (business key TF000012), its first jobs run. */
    static ProcessInstance process(ProcessEngine engine, Leads leads, Refund r) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("refund")
                .processInstanceBusinessKey(r.refundNo()).singleResult();
        leads.runJobs(pi.getId());
        return pi;
    }

    /** The task the process waits at once its jobs have run; null when it waits at none. */
    static Task task(ProcessEngine engine, Leads leads, ProcessInstance pi) {
        leads.runJobs(pi.getId());
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }
}
