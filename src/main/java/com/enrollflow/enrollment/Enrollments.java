package com.enrollflow.enrollment;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.AssignmentService;
import com.enrollflow.contract.ContractService;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.SchedulingService;

/**
 * 确认报名: a paid (and, for 1:1, scheduled) opportunity becomes an enrolled student. It draws on contracts,
 * scheduling, ownership and mail, which is why it is a package of its own above them.
 */
@Service
public class Enrollments {

    private final OpportunityService opportunities;
    private final AssignmentService assignment;
    private final ContractService contracts;
    private final SchedulingService scheduling;
    private final Families families;
    private final NotificationService notifications;

    Enrollments(OpportunityService opportunities, AssignmentService assignment, ContractService contracts,
            SchedulingService scheduling, Families families, NotificationService notifications) {
        this.opportunities = opportunities;
        this.assignment = assignment;
        this.contracts = contracts;
        this.scheduling = scheduling;
        this.families = families;
        this.notifications = notifications;
    }

    /**
     * Funnel stage 已报名, the opportunity WON for its owner, and the confirmation mail to the family with the
     * contract number and the confirmed lessons (class courses: announced later). Repeatable: the mail goes once.
     */
    @Transactional
    public void enroll(long opportunityId, String actor) {
        String contractNo = contracts.latestNotCancelled(opportunityId).map(c -> c.number()).orElse("—");
        String schedule = scheduling.forOpportunity(opportunityId).filter(p -> "CONFIRMED".equals(p.status()))
                .map(ProposalText::summary).orElse(null);
        opportunities.reachStage(opportunityId, FunnelStage.ENROLLED, TimelineEvent.ENROLLED, actor, "合同 " + contractNo);
        assignment.won(opportunityId, actor);
        FamilyContact f = families.of(opportunityId);
        notifications.enqueue(opportunityId, "enrolled:" + opportunityId, "ENROLLMENT_CONFIRMATION", f.email(),
                "【" + f.campusName() + "】报名成功确认",
                f.name() + "，您好：\n\n您已在" + f.campusName() + "报名成功，合同编号 " + contractNo + "。\n"
                        + (schedule == null ? "班级开课安排将另行通知。" : "上课安排：\n" + schedule)
                        + "\n\n如有疑问请联系您的课程顾问。\n");
    }
}
