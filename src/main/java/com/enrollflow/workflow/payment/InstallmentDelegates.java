package com.enrollflow.workflow.payment;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.InstallmentReminders;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.TaskInput;

/** installment-reminder.bpmn (分期缴费提醒), and the list of installments enrollment.bpmn starts it for. */
@Configuration
class InstallmentDelegates {

    static final String INSTALLMENT_REMINDER = "installmentReminder";
    /** The list ServiceTask_ListInstallments writes and CallActivity_InstallmentReminders iterates. */
    static final String INSTALLMENTS_DUE = "installmentsDue";

    private final PaymentService payments;
    private final InstallmentReminders reminders;
    private final OpportunityService opportunities;
    private final Clock clock;

    InstallmentDelegates(PaymentService payments, InstallmentReminders reminders, OpportunityService opportunities,
            Clock clock) {
        this.payments = payments;
        this.reminders = reminders;
        this.opportunities = opportunities;
        this.clock = clock;
    }

    /**
     * ServiceTask_ListInstallments (列出待缴分期) of enrollment.bpmn: the installments the multi-instance call activity
     * 分期缴费提醒 starts one instance for. An installment already covered, or with a reminder instance running (started
     * by an earlier version's loop, or by a rerun of this step), is left out.
     */
    @Bean("listInstallmentsDue")
    JavaDelegate listInstallmentsDue() {
        return execution -> {
            PaymentOrder order = payments.get(id(execution, ORDER_ID));
            RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
            List<Map<String, Object>> due = new ArrayList<>();
            for (InstallmentPlan.Due d : reminders.toRemind(order)) {
                if (!reminderRunning(runtime, execution.getProcessBusinessKey(), d.seq())) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("seq", d.seq());
                    one.put("remindAt", InstallmentReminders.remindAt(d.dueDate()).toString());
                    one.put("dueAt", endOfDay(d.dueDate()).toString());
                    one.put("summary", InstallmentReminders.summary(d, order));
                    due.add(one);
                }
            }
            execution.setVariable(INSTALLMENTS_DUE, due);
        };
    }

    /**
     * ServiceTask_StartInstallmentReminders (安排分期提醒) of contractAndPayment versions before the multi-instance
     * call activity: instances of those versions still reach it, so the bean stays until none runs (docs/process-map.md).
     */
    @Bean("startInstallmentReminders")
    JavaDelegate startInstallmentReminders() {
        return execution -> {
            PaymentOrder order = payments.get(id(execution, ORDER_ID));
            RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
            String key = execution.getProcessBusinessKey();
            for (InstallmentPlan.Due due : reminders.toRemind(order)) {
                if (reminderRunning(runtime, key, due.seq())) {
                    continue; // a rerun of this step
                }
                Map<String, Object> v = new HashMap<>();
                v.put(OPPORTUNITY_ID, order.opportunityId());
                v.put(ORDER_ID, order.id());
                v.put(INSTALLMENT_SEQ, due.seq());
                v.put(CUSTOMER_NAME, execution.getVariable(CUSTOMER_NAME));
                v.put(CONSULTANT_ID, execution.getVariable(CONSULTANT_ID));
                v.put(CAMPUS, execution.getVariable(CAMPUS));
                v.put(REMIND_AT, InstallmentReminders.remindAt(due.dueDate()).toString());
                v.put(DUE_AT, endOfDay(due.dueDate()).toString());
                v.put(INSTALLMENT_SUMMARY, InstallmentReminders.summary(due, order));
                runtime.startProcessInstanceByKey(INSTALLMENT_REMINDER, key, v);
            }
        };
    }

    private static boolean reminderRunning(RuntimeService runtime, String businessKey, int seq) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(INSTALLMENT_REMINDER)
                .processInstanceBusinessKey(businessKey).variableValueEquals(INSTALLMENT_SEQ, seq).count() > 0;
    }

    /** ServiceTask_CheckBeforeReminder / ServiceTask_CheckAtDue: is this installment covered by confirmed money? */
    @Bean("checkInstallment")
    JavaDelegate checkInstallment() {
        return execution -> {
            PaymentOrder order = payments.lockedState(id(execution, ORDER_ID));
            int seq = ((Number) execution.getVariable(INSTALLMENT_SEQ)).intValue();
            // nothing more to chase: covered, or the order or its contract takes no more money (作废, 退费)
            execution.setVariable(INSTALLMENT_PAID, order.installmentsCovered() >= seq
                    || "CANCELLED".equals(order.status()) || payments.collectionStopped(order.id()).isPresent());
        };
    }

    /** ServiceTask_MarkOverdue (记录逾期): on the timeline, and a mail to the owner. */
    @Bean("markInstallmentOverdue")
    JavaDelegate markInstallmentOverdue() {
        return execution -> reminders.overdue(id(execution, OPPORTUNITY_ID),
                execution.getProcessInstanceId() + ":" + execution.getVariable(DUE_AT),
                (String) execution.getVariable(CONSULTANT_ID), (String) execution.getVariable(CUSTOMER_NAME),
                (String) execution.getVariable(INSTALLMENT_SUMMARY));
    }

    /** Task_ChaseOverdueInstallment (催缴逾期分期款), on complete. */
    @Bean("chaseInstallmentInput")
    TaskListener chaseInstallmentInput() {
        return task -> {
            TaskInput input = new TaskInput(task);
            String outcome = input.oneOf(CHASE_OUTCOME, true, "NEW_DATE", "ESCALATE");
            String note = input.text(CHASE_NOTE, 500, true);
            LocalDate newDue = "NEW_DATE".equals(outcome) ? newDueDate(input, task, clock) : null;
            input.check();
            if (newDue != null) {
                task.getExecution().setVariable(DUE_AT, endOfDay(newDue).toString());
            }
            opportunities.note(id(task, OPPORTUNITY_ID), TimelineEvent.INSTALLMENT_CHASED, Actors.of(task),
                    ("NEW_DATE".equals(outcome) ? "约定新缴费日期 " + newDue + "：" : "上报校长：") + note);
        };
    }

    /** ServiceTask_EscalateOverdue (上报校长): a mail to the directors of the contract's campus. */
    @Bean("escalateOverdueInstallment")
    JavaDelegate escalateOverdueInstallment() {
        return (DelegateExecution execution) -> reminders.escalate(id(execution, OPPORTUNITY_ID),
                execution.getProcessInstanceId(), execution.getTenantId(),
                (String) execution.getVariable(CUSTOMER_NAME), (String) execution.getVariable(CONSULTANT_ID),
                (String) execution.getVariable(INSTALLMENT_SUMMARY));
    }
}
