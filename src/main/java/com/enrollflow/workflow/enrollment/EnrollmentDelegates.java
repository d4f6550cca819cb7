package com.enrollflow.workflow.enrollment;

import com.enrollflow.workflow.SalesVariables;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.workflow.Actors;
import static com.enrollflow.workflow.ProcessConstants.*;
import static com.enrollflow.workflow.SalesVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.contract.ContractService;
import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.scheduling.SchedulingService;

/** enrollment.bpmn's last step and the e-mails of the sales processes. */
@Configuration
class EnrollmentDelegates {

    private final OpportunityService opportunities;
    private final AssignmentService assignment;
    private final CustomerRepository customers;
    private final CampusRepository campuses;
    private final NotificationService notifications;
    private final ContractService contracts;
    private final SchedulingService scheduling;

    EnrollmentDelegates(OpportunityService opportunities, AssignmentService assignment, CustomerRepository customers,
            CampusRepository campuses, NotificationService notifications, ContractService contracts,
            SchedulingService scheduling) {
        this.contracts = contracts;
        this.scheduling = scheduling;
        this.opportunities = opportunities;
        this.assignment = assignment;
        this.customers = customers;
        this.campuses = campuses;
        this.notifications = notifications;
    }

    /**
     * ServiceTask_EnrollStudent (确认报名): won (成单), enrolled, and the family's confirmation mail with the contract
     * number and, for 1:1, the confirmed lessons — read from their tables, not from the called processes' variables.
     */
    @Bean("enrollStudent")
    JavaDelegate enrollStudent() {
        return execution -> {
            long opportunityId = id(execution, OPPORTUNITY_ID);
            String contractNo = contracts.forOpportunity(opportunityId).stream()
                    .filter(c -> !"CANCELLED".equals(c.status())).map(c -> c.number()).reduce((a, b) -> b)
                    .orElse("—");
            String schedule = scheduling.forOpportunity(opportunityId).filter(p -> "CONFIRMED".equals(p.status()))
                    .map(ProposalText::summary).orElse(null);
            opportunities.reachStage(opportunityId, FunnelStage.ENROLLED, TimelineEvent.ENROLLED, Actors.of(execution),
                    "合同 " + contractNo);
            assignment.won(opportunityId, Actors.of(execution));
            Opportunity o = opportunities.get(opportunityId);
            Customer c = customers.findById(o.customerId()).orElseThrow();
            String campus = campusName(o);
            notifications.enqueue(opportunityId, "enrolled:" + opportunityId, "ENROLLMENT_CONFIRMATION", c.email(),
                    "【" + campus + "】报名成功确认",
                    c.name() + "，您好：\n\n您已在" + campus + "报名成功，合同编号 " + contractNo + "。\n"
                            + (schedule == null ? "班级开课安排将另行通知。" : "上课安排：\n" + schedule)
                            + "\n\n如有疑问请联系您的课程顾问。\n");
        };
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
            Opportunity o = opportunities.get(opportunityId);
            Customer c = customers.findById(o.customerId()).orElseThrow();
            if ("PAYMENT_REMINDER".equals(kind)) {
                notifications.enqueue(opportunityId, "payment-reminder:" + execution.getProcessInstanceId(), kind, c.email(),
                        "【" + campusName(o) + "】分期缴费提醒", c.name() + "，您好：\n\n提醒您："
                                + execution.getVariable(INSTALLMENT_SUMMARY) + "。可到前台缴费或线上支付。\n");
                return;
            }
            if (!"VISIT_REMINDER".equals(kind)) {
                throw new IllegalStateException("unknown notificationKind " + kind);
            }
            String at = BusinessTime.shown(SalesVariables.dateTime(execution.getVariable(VISIT_AT)));
            notifications.enqueue(opportunityId, "visit-reminder:" + opportunityId + ":" + at, kind, c.email(),
                    "【" + campusName(o) + "】到访提醒", c.name() + "，您好：\n\n提醒您明天（" + at + "）到" + campusName(o)
                            + "参加课程咨询与入学测试。如需改期请联系您的课程顾问。\n");
        };
    }

    /** ServiceTask_SendMail (发送邮件) of notification.bpmn. */
    @Bean("sendMail")
    JavaDelegate sendMail() {
        return (DelegateExecution execution) -> notifications.send(id(execution, NOTIFICATION_ID));
    }

    private String campusName(Opportunity o) {
        return o.campusCode() == null ? "本校区" : campuses.findActive(o.campusCode()).map(c -> c.name())
                .orElse(o.campusCode());
    }
}
