package com.enrollflow.referral;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.contract.ContractWork;
import com.enrollflow.contract.ContractWorks;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.ScheduledLesson;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.RemainingLessons;

/**
 * 赠送课时排课 (decision 719): lessons a referral gifted onto a 1:1 contract are booked at the end of the family's
 * schedule, with its teacher and weekly times, as lessons of that schedule; the family's timeline says when, and a
 * family with an e-mail address is mailed. Never more than the hours left leave unbooked: a resumption after 停课
 * books every lesson left, gifts included, and a gift booked then is not booked twice.
 */
@Service
public class GiftLessons {

    /** What booking the gift came to, and the lessons booked, one per line (null unless BOOKED). */
    public record Result(Booking booking, String lessons) {

        static Result of(Booking booking) {
            return new Result(booking, null);
        }
    }

    /** What booking the gift came to. */
    public enum Booking {
        /** the lessons are on the schedule */
        BOOKED,
        /** the schedule is being changed (退费申请, 停课, 转课, 更换教师, or 确认排课 has not confirmed it): tried later */
        WAITING,
        /**
         * nothing to book: no gift of lessons, the contract ended, its hours are all booked already, or it has no
         * schedule to add them to (said on the timeline)
         */
        NOTHING
    }

    private final ReferralRewards rewards;
    private final ContractService contracts;
    private final ContractWorks works;
    private final RemainingLessons remaining;
    private final SchedulingService scheduling;
    private final OpportunityService opportunities;
    private final Families families;
    private final NotificationService notifications;

    GiftLessons(ReferralRewards rewards, ContractService contracts, ContractWorks works, RemainingLessons remaining,
            SchedulingService scheduling, OpportunityService opportunities, Families families,
            NotificationService notifications) {
        this.rewards = rewards;
        this.contracts = contracts;
        this.works = works;
        this.remaining = remaining;
        this.scheduling = scheduling;
        this.opportunities = opportunities;
        this.families = families;
        this.notifications = notifications;
    }

    /**
     * Books the reward's gifted lessons at the end of the contract's schedule, once: under the reward row's lock, a
     * second call finds them booked and books nothing.
     */
    @Transactional
    public Result book(long rewardId, String actor) {
        if (!rewards.lockGiftNotBooked(rewardId)) {
            return Result.of(Booking.NOTHING);
        }
        ReferralReward r = rewards.get(rewardId);
        if (!RewardKind.GIFT_LESSONS.name().equals(r.grantedAs()) || r.grantedContractId() == null) {
            return Result.of(Booking.NOTHING);
        }
        // 安排剩余课时, a refund or a suspension asked at the same moment queues on the contract's row
        Contract c = contracts.lock(r.grantedContractId());
        if (!c.inForce()) {
            return Result.of(Booking.NOTHING);
        }
        // these change the schedule and book what is left themselves (a resumption), or cancel it (转课, a refund
        // approved): the gift waits for their end rather than holding a teacher's slots for a family that may leave
        if (works.blocking(c, "", ContractWork.Kind.REFUND, ContractWork.Kind.SUSPENSION, ContractWork.Kind.TRANSFER,
                ContractWork.Kind.TEACHER_CHANGE).isPresent()) {
            return Result.of(Booking.WAITING);
        }
        int lessons = Math.min(r.lessons(), remaining.unbooked(c));
        if (lessons <= 0) {
            return Result.of(Booking.NOTHING);
        }
        if (scheduling.awaitsConfirmation(c.opportunityId())) {
            return Result.of(Booking.WAITING);
        }
        Optional<List<ScheduledLesson>> booked = scheduling.extend(c.opportunityId(), lessons, actor);
        if (booked.isEmpty()) {
            // a 1:1 contract in force has a confirmed schedule from 确认排课 on; one without lessons is said, not hidden
            opportunities.note(c.opportunityId(), TimelineEvent.REFERRAL_REWARD_GRANTED, actor, r.rewardNo()
                    + " 赠送的 " + lessons + " 课时未能排课：合同 " + c.number() + " 没有课表");
            return Result.of(Booking.NOTHING);
        }
        rewards.giftBooked(rewardId);
        String lines = booked.get().stream().map(ProposalText::lesson).collect(Collectors.joining("\n"));
        String when = lines.replace("\n", "；");
        opportunities.note(c.opportunityId(), TimelineEvent.REFERRAL_REWARD_GRANTED, actor,
                r.rewardNo() + " 赠送的 " + lessons + " 课时已排课（合同 " + c.number() + "）：" + when);
        FamilyContact family = families.of(c.opportunityId());
        notifications.enqueue(c.opportunityId(), "referral-gift-lessons:" + r.rewardNo(), "REFERRAL_GIFT_LESSONS",
                family.email(), family.campusName() + "：赠送课时已排课", family.name() + "家长，您好：\n\n感谢您的推荐。"
                        + "赠送的 " + lessons + " 课时已排在原课表之后：\n" + lines
                        + "\n\n如需调整请联系" + family.campusName() + "。\n\n" + family.campusName());
        return new Result(Booking.BOOKED, lines);
    }
}
