package com.enrollflow.testsupport;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** A refund's process run to its end as its people would: each level approved by its approver, each payout paid. */
public final class RefundRuns {

    private static final Map<String, String> APPROVERS = Map.of("salesSupervisor", "sunqiang", "campusDirector",
            "zhouhua", "financeManager", "heyun", "headOfficeDirector", "songtao");

    private RefundRuns() {
    }

    /** The refund's process (business key = its number, TF000012), its due jobs run. */
    public static ProcessInstance process(ProcessEngine engine, Leads leads, String refundNo) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("refund")
                .processInstanceBusinessKey(refundNo).singleResult();
        leads.runJobs(pi.getId());
        return pi;
    }

    /** The task the process waits at once its due jobs have run; null when it waits at none. */
    public static Task task(ProcessEngine engine, Leads leads, ProcessInstance pi) {
        leads.runJobs(pi.getId());
        return engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
    }

    /** 审批退费 approved by the demo approver of its level, no job run after it; returns who approved. */
    public static String approve(ProcessEngine engine, Leads leads, Task task) {
        String level = (String) engine.getTaskService().getVariable(task.getId(), "approvalLevel");
        leads.completeAs(APPROVERS.get(level), task, Map.of("refundDecision", "APPROVE", "approvalComment", "同意"));
        return APPROVERS.get(level);
    }

    /** Runs the refund {@code refundNo} (TF000012) until it waits for nobody; returns its instance. */
    public static ProcessInstance throughToTheEnd(ProcessEngine engine, Leads leads, String refundNo) {
        ProcessInstance refund = process(engine, leads, refundNo);
        for (int step = 0; step < 10; step++) {
            Task task = task(engine, leads, refund);
            if (task == null) {
                break;
            }
            if (task.getTaskDefinitionKey().equals("Task_ApproveRefund")) {
                approve(engine, leads, task);
            } else {
                leads.completeAs("fengyu", task, Map.of("payoutVoucher", "POS-" + task.getId().substring(0, 8)));
            }
        }
        return refund;
    }
}
