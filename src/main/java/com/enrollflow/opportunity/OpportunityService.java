package com.enrollflow.opportunity;

import java.time.Clock;
import java.time.OffsetDateTime;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.customer.TimelineRepository;
import com.enrollflow.reference.Grade;

/**
 * What happens to an opportunity during intent (确定客户意向): every change writes its funnel timestamp
 * and a timeline entry in the same transaction. Each method is idempotent: a job that runs twice
 * (at-least-once execution) changes nothing the second time.
 */
@Service
@Transactional
public class OpportunityService {

    private final OpportunityRepository opportunities;
    private final TimelineRepository timeline;
    private final EnrollmentProcess process;
    private final Clock clock;

    OpportunityService(OpportunityRepository opportunities, TimelineRepository timeline, EnrollmentProcess process,
            Clock clock) {
        this.opportunities = opportunities;
        this.timeline = timeline;
        this.process = process;
        this.clock = clock;
    }

    public Opportunity get(long id) {
        return opportunities.get(id);
    }

    /** Unreachable at first contact: counts the attempt; returns how many attempts failed so far. */
    public int recordFailedContact(long id, String agent, String note) {
        Opportunity o = opportunities.get(id);
        int attempts = opportunities.addFailedContactAttempt(id);
        timeline.add(o.customerId(), id, TimelineEvent.CONTACT_FAILED, agent,
                "第 " + attempts + " 次联系未接通" + (note == null ? "" : "：" + note), now());
        return attempts;
    }

    public void markValid(long id, String agent, String note) {
        Opportunity o = opportunities.get(id);
        if (opportunities.markValid(id, agent, now())) {
            timeline.add(o.customerId(), id, TimelineEvent.MARKED_VALID, agent, note, now());
        }
    }

    /** Closes an open opportunity; returns false when it was closed already (a rerun). */
    public boolean close(long id, OpportunityStatus status, String reason, String actor) {
        Opportunity o = opportunities.get(id);
        if (opportunities.close(id, status, reason, now())) {
            if (status == OpportunityStatus.WON) {
                return true; // the enrollment step has written 报名完成 with the contract on the timeline
            }
            TimelineEvent event = switch (status) {
                case INVALID -> TimelineEvent.CLOSED_INVALID;
                case LOST -> TimelineEvent.CLOSED_LOST;
                default -> TimelineEvent.CLOSED_NOT_CONVERTED;
            };
            timeline.add(o.customerId(), id, event, actor, reason, now());
            return true;
        }
        return false;
    }

    /** The agent confirmed the intent: the opportunity becomes an intent opportunity (意向商机). */
    public void qualify(long id, IntentAnswers answers, String agent) {
        Opportunity o = opportunities.get(id);
        if (opportunities.qualify(id, o.customerId(), answers, now())) {
            timeline.add(o.customerId(), id, TimelineEvent.INTENT_CONFIRMED, agent,
                    "意向等级：" + answers.confirmedLevel().label() + "，产品线：" + answers.productLine().label()
                            + (answers.confirmedLevel() != answers.suggestedLevel()
                                    ? "（系统建议：" + answers.suggestedLevel().label() + "）" : ""),
                    now());
        }
    }

    /**
     * 续费: the renewal's own opportunity, a copy of the one whose contract runs out (customer, campus, product line,
     * grade, subject, channel) marked {@code renewal_of_id}. It has no lead and no team: it never enters distribution,
     * recycling or the new-lead funnel, and holds no open slot, so new enquiries of the family still reach a sale.
     */
    public long openRenewal(long previousId, String ownerUser, String ownerGroup, String actor) {
        return opportunities.insertRenewal(opportunities.get(previousId), ownerUser, ownerGroup, now());
    }

    /**
     * 离职转交 of a renewal: its opportunity passes to the receiver while the leaving member still owns it (decision
     * 538). A renewal's opportunity belongs to no team, so no capacity counts it.
     */
    public void handOverRenewal(long id, String from, String to) {
        opportunities.handOverRenewal(id, from, to);
    }

    /**
     * Whoever agreed the renewal with the family owns its sale (the credit), unless its consultant already does; the
     * renewal is priced at the grade the student is in now, as confirmed with the family.
     */
    public void takeRenewal(long id, String userId, Grade grade) {
        opportunities.takeRenewal(id, userId, grade.name(), now());
    }

    /**
     * Interest in both 1:1 and a class: a second opportunity for the other product line, with its
     * own process instance. Returns its id; a rerun finds the split already made and returns it.
     */
    public long split(long id, IntentAnswers otherLine, String agent) {
        Opportunity from = opportunities.get(id);
        var existing = opportunities.findOpenByCustomer(from.customerId()).stream()
                .filter(o -> Long.valueOf(id).equals(o.splitFromId())).findFirst();
        if (existing.isPresent()) {
            return existing.get().id();
        }
        long splitId = opportunities.insertSplit(from, otherLine);
        opportunities.setProcessInstance(splitId, process.startSplit(splitId, id));
        timeline.add(from.customerId(), splitId, TimelineEvent.SPLIT, agent,
                "由商机 " + id + " 拆分出" + otherLine.productLine().label() + "商机", now());
        return splitId;
    }

    public void assign(long id, String ownerUser, String ownerGroup, String actor) {
        Opportunity o = opportunities.get(id);
        if (opportunities.assign(id, ownerUser, ownerGroup, now())) {
            timeline.add(o.customerId(), id, TimelineEvent.ASSIGNED, actor, "课程顾问：" + ownerUser, now());
        }
    }

    /** A later funnel stage was reached (同意到访 … 报名完成); the timeline says what happened. Idempotent. */
    public boolean reachStage(long id, FunnelStage stage, TimelineEvent event, String actor, String detail) {
        Opportunity o = opportunities.get(id);
        if (opportunities.reachStage(id, stage, now())) {
            timeline.add(o.customerId(), id, event, actor, detail, now());
            return true;
        }
        return false;
    }

    /** Something worth the customer's timeline that is not a funnel stage (a no-show, an approval, a payment). */
    public void note(long id, TimelineEvent event, String actor, String detail) {
        Opportunity o = opportunities.get(id);
        timeline.add(o.customerId(), id, event, actor, detail, now());
    }

    public void repeatEnquiryHandled(long id, String actor, String note) {
        Opportunity o = opportunities.get(id);
        timeline.add(o.customerId(), id, TimelineEvent.REPEAT_ENQUIRY_HANDLED, actor, note, now());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
