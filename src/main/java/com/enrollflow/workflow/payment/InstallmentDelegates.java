package com.enrollflow.workflow.payment;

import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.TaskInput;
import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.common.Money;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;

/** installment-reminder.bpmn (分期缴费提醒), and its start from contract-and-payment. */
@Configuration
class InstallmentDelegates {

    static final String INSTALLMENT_REMINDER = "installmentReminder";
    /** The reminder goes out this many days before the due date, at 10:00 Beijing time. */
    static final int REMIND_DAYS_BEFORE = 3;

    private final PaymentService payments;
    private final OpportunityService opportunities;
    private final NotificationService notifications;
    private final IdentityService identity;
    private final Clock clock;

    InstallmentDelegates(PaymentService payments, OpportunityService opportunities,
            NotificationService notifications, IdentityService identity, Clock clock) {
        this.payments = payments;
        this.opportunities = opportunities;
        this.notifications = notifications;
        this.identity = identity;
        this.clock = clock;
    }

    /** ServiceTask_StartInstallmentReminders (安排分期提醒): one instance per installment not yet covered. */
    @Bean("startInstallmentReminders")
    JavaDelegate startInstallmentReminders() {
        return execution -> {
            PaymentOrder order = payments.get(id(execution, ORDER_ID));
            RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
            for (InstallmentPlan.Due due : order.installments()) {
                if (due.seq() <= order.installmentsCovered()) {
                    continue;
                }
                String key = execution.getProcessBusinessKey();
                boolean running = runtime.createProcessInstanceQuery().processDefinitionKey(INSTALLMENT_REMINDER)
                        .processInstanceBusinessKey(key).variableValueEquals(INSTALLMENT_SEQ, due.seq()).count() > 0;
                if (running) {
                    continue; // a rerun of this step
                }
                Map<String, Object> v = new HashMap<>();
                v.put(OPPORTUNITY_ID, order.opportunityId());
                v.put(ORDER_ID, order.id());
                v.put(ORDER_NO, order.orderNo());
                v.put(INSTALLMENT_SEQ, due.seq());
                v.put(CUSTOMER_NAME, execution.getVariable(CUSTOMER_NAME));
                v.put(CONSULTANT_ID, execution.getVariable(CONSULTANT_ID));
                v.put(CAMPUS, execution.getVariable(CAMPUS));
                v.put(REMIND_AT, remindAt(due.dueDate()).toString());
                v.put(DUE_AT, endOfDay(due.dueDate()).toString());
                v.put(INSTALLMENT_SUMMARY, "第" + due.seq() + "期 " + Money.yuan(due.amount()) + "，应于 "
                        + due.dueDate() + " 前缴纳（缴费单 " + order.orderNo() + "）");
                runtime.startProcessInstanceByKey(INSTALLMENT_REMINDER, key, v);
            }
        };
    }

    /** ServiceTask_CheckBeforeReminder / ServiceTask_CheckAtDue: is this installment covered by confirmed money? */
    @Bean("checkInstallment")
    JavaDelegate checkInstallment() {
        return execution -> {
            PaymentOrder order = payments.lockedState(id(execution, ORDER_ID));
            int seq = ((Number) execution.getVariable(INSTALLMENT_SEQ)).intValue();
            execution.setVariable(INSTALLMENT_PAID, order.installmentsCovered() >= seq
                    || "CANCELLED".equals(order.status()));
        };
    }

    /** ServiceTask_MarkOverdue (记录逾期): on the timeline, and a mail to the owner. */
    @Bean("markInstallmentOverdue")
    JavaDelegate markInstallmentOverdue() {
        return execution -> {
            long opportunityId = id(execution, OPPORTUNITY_ID);
            String summary = (String) execution.getVariable(INSTALLMENT_SUMMARY);
            opportunities.note(opportunityId, TimelineEvent.INSTALLMENT_OVERDUE, Actors.SYSTEM, summary);
            String owner = (String) execution.getVariable(CONSULTANT_ID);
            User user = owner == null ? null : identity.createUserQuery().userId(owner).singleResult();
            notifications.enqueue(opportunityId, "overdue:" + execution.getProcessInstanceId() + ":" + execution.getVariable(DUE_AT),
                    "INSTALLMENT_OVERDUE", user == null ? null : user.getEmail(),
                    "【逾期】" + execution.getVariable(CUSTOMER_NAME) + " 的分期款未按期缴纳",
                    summary + "\n\n请在 Tasklist 处理“催缴逾期分期款”任务。\n");
        };
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

    /** ServiceTask_EscalateOverdue (上报校长): a mail to the directors of the campus. */
    @Bean("escalateOverdueInstallment")
    JavaDelegate escalateOverdueInstallment() {
        return (DelegateExecution execution) -> {
            // the directors of the contract's campus only (校区数据范围)
            for (User director : identity.createUserQuery().memberOfGroup("campusDirector")
                    .memberOfTenant(execution.getTenantId()).list()) {
                notifications.enqueue(id(execution, OPPORTUNITY_ID),
                        "escalated:" + execution.getProcessInstanceId() + ":" + director.getId(),
                        "INSTALLMENT_ESCALATED", director.getEmail(),
                        "【欠费上报】" + execution.getVariable(CUSTOMER_NAME) + " 的分期款逾期未缴",
                        execution.getVariable(INSTALLMENT_SUMMARY) + "\n课程顾问 "
                                + execution.getVariable(CONSULTANT_ID) + " 已催缴未果，请校长处理。\n");
            }
        };
    }

    private static OffsetDateTime remindAt(LocalDate due) {
        return due.minusDays(REMIND_DAYS_BEFORE).atTime(LocalTime.of(10, 0)).atZone(BusinessTime.ZONE)
                .toOffsetDateTime();
    }
}
