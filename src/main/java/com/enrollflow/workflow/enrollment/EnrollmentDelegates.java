package com.enrollflow.workflow.enrollment;

import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.consultation.VisitReminders;
import com.enrollflow.enrollment.Enrollments;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.payment.InstallmentReminders;
import com.enrollflow.workflow.Actors;

/** enrollment.bpmn's last step, the family reminders by kind, and the mail step of notification.bpmn. */
@Configuration
class EnrollmentDelegates {

    private final Enrollments enrollments;
    private final VisitReminders visitReminders;
    private final InstallmentReminders installmentReminders;
    private final NotificationService notifications;

    EnrollmentDelegates(Enrollments enrollments, VisitReminders visitReminders,
            InstallmentReminders installmentReminders, NotificationService notifications) {
        this.enrollments = enrollments;
        this.visitReminders = visitReminders;
        this.installmentReminders = installmentReminders;
        this.notifications = notifications;
    }

    /**
     * ServiceTask_EnrollStudent (确认报名): won (成单), enrolled, and the family's confirmation mail with the contract
     * number and, for 1:1, the confirmed lessons — read from their tables, not from the called processes' variables.
     */
    @Bean("enrollStudent")
    JavaDelegate enrollStudent() {
        return execution -> enrollments.enroll(id(execution, OPPORTUNITY_ID), Actors.of(execution));
    }

    /**
     * A notification to the family by kind: ServiceTask_SendVisitReminder (VISIT_REMINDER) and
     * ServiceTask_SendPaymentReminder (PAYMENT_REMINDER).
     */
    @Bean("notify")
    JavaDelegate notifyCustomer() {
        return execution -> {
            String kind = (String) execution.getVariable(NOTIFICATION_KIND);
            long opportunityId = id(execution, OPPORTUNITY_ID);
            switch (kind == null ? "" : kind) {
                case "PAYMENT_REMINDER" -> installmentReminders.remindFamily(opportunityId,
                        execution.getProcessInstanceId(), (String) execution.getVariable(INSTALLMENT_SUMMARY));
                case "VISIT_REMINDER" -> visitReminders.send(opportunityId, dateTime(execution.getVariable(VISIT_AT)));
                default -> throw new IllegalStateException("unknown notificationKind " + kind);
            }
        };
    }

    /** ServiceTask_SendMail (发送邮件) of notification.bpmn. */
    @Bean("sendMail")
    JavaDelegate sendMail() {
        return (DelegateExecution execution) -> notifications.send(id(execution, NOTIFICATION_ID));
    }
}
