package com.enrollflow.workflow.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;

import com.enrollflow.reference.Campus;

/**
 * A Tasklist start form is about a record (a contract, a class, a customer, a team), which the engine learns only when
 * the form is submitted. Its submit step then files the form's instance, with what staff typed into it, under that
 * record: in the record's campus (the instance started in the starter's call centre's scope, CampusTenants), so that
 * campus sees it in Cockpit and nobody else does (decision 551), and under the record's business key (the refund's,
 * complaint's or teacher change's number, else the opportunity), so that erasing the family's personal data erases
 * the forms staff filled in about it too (decision 554).
 */
public final class StartFormRecord {

    /**
     * The process variable a start form's submit step writes what staff are told once it is stored (the record's
     * number and what happens next, in Chinese), which Tasklist shows its starter after 启动 (FormResultResource).
     */
    public static final String RESULT = "startResult";

    private StartFormRecord() {
    }

    /**
     * What the starter of {@code execution}'s start form is told after 启动: the record's number to give the family or
     * a colleague, and what happens next ("退费申请 TF000012 已提交：应退 ¥8,400.00，等待审批。").
     */
    public static void told(DelegateExecution execution, String text) {
        execution.setVariable(RESULT, sentence(text));
    }

    /** {@code text} as one sentence: stripped, with its closing 。 */
    static String sentence(String text) {
        String sentence = text.strip();
        return sentence.endsWith("。") || sentence.endsWith("！") ? sentence : sentence + "。";
    }

    /**
     * Files the instance of {@code execution} in the campus {@code campusCode} (BJ-HD) and under {@code businessKey},
     * in place of any key typed into Tasklist's start dialog (the erasure finds the form by its record's key only); a
     * null argument changes nothing of its kind.
     */
    public static void file(DelegateExecution execution, String campusCode, String businessKey) {
        if (businessKey != null && !businessKey.equals(execution.getProcessBusinessKey())) {
            execution.setProcessBusinessKey(businessKey);
        }
        if (campusCode == null) {
            return;
        }
        String tenant = Campus.tenantId(campusCode);
        if (!tenant.equals(execution.getTenantId())) {
            TenantMove.move(Context.getCommandContext(), execution.getProcessInstanceId(), tenant);
        }
    }
}
