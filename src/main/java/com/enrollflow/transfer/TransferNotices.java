package com.enrollflow.transfer;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.Money;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.Families;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.refund.Refund;
import com.enrollflow.refund.RefundStatus;
import com.enrollflow.refund.Refunds;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.Classes;

/**
 * 通知家长 at the end of a 转课 or 转班 (decision 552): the family learns in one mail what the lessons became (the new
 * course and its confirmed lessons, or the new class) and what became of the difference. Once per transfer, whatever
 * reruns.
 */
@Service
public class TransferNotices {

    private final Transfers transfers;
    private final Families families;
    private final NotificationService notifications;
    private final SchedulingService scheduling;
    private final PaymentService payments;
    private final Classes classes;
    private final Refunds refunds;

    TransferNotices(Transfers transfers, Families families, NotificationService notifications,
            SchedulingService scheduling, PaymentService payments, Classes classes, Refunds refunds) {
        this.transfers = transfers;
        this.refunds = refunds;
        this.families = families;
        this.notifications = notifications;
        this.scheduling = scheduling;
        this.payments = payments;
        this.classes = classes;
    }

    @Transactional
    public void notifyFamily(long id) {
        Transfer t = transfers.get(id);
        FamilyContact family = families.of(t.opportunityId());
        String what = t.kindLabel();
        StringBuilder body = new StringBuilder(family.name()).append("家长，您好：\n\n");
        if (t.kind() == Transfer.Kind.CLASS) {
            String toClass = classes.find(t.toClassCode()).map(Classes.ClassInfo::text).orElse(t.toClassCode());
            body.append("按您的要求，").append(family.name()).append("已从").append(t.fromCourse()).append("转入")
                    .append(toClass).append("，剩余 ").append(t.lessons()).append(" 课时从新班级的下一次课起使用。\n");
        } else {
            body.append("按您的要求，").append(family.name()).append("剩余的 ").append(t.lessons()).append(" 课时已从")
                    .append(t.fromCourse()).append("转为").append(t.toSubjectLabel()).append(" · ")
                    .append(t.toTeacherLevelLabel()).append("一对一课程");
            scheduling.forOpportunity(t.opportunityId()).filter(p -> "CONFIRMED".equals(p.status()))
                    .ifPresentOrElse(p -> body.append("，上课安排：\n").append(ProposalText.summary(p)).append("\n"),
                            () -> body.append("，上课安排由教务另行通知。\n"));
        }
        body.append(difference(t)).append("\n\n如有疑问请联系").append(family.campusName()).append("。\n\n")
                .append(family.campusName());
        notifications.enqueue(t.opportunityId(), "transfer:" + t.transferNo(), "TRANSFERRED", family.email(),
                family.campusName() + "：" + what + "已办理（" + t.transferNo() + "）", body.toString());
    }

    /**
     * The difference asked back through the refund approval, as it stands when the mail is written: the approval may
     * have ended (and the money gone back) while the new course was being scheduled.
     */
    private String refundOfDifference(Transfer t) {
        Optional<Refund> refund = refunds.byNumber(t.refundNo());
        RefundStatus status = refund.map(Refund::status).orElse(RefundStatus.REQUESTED);
        BigDecimal amount = refund.map(Refund::amount).orElse(t.refundable());
        return switch (status) {
            case PAID -> "您多付的 " + Money.yuan(amount) + " 已按原付款方式退还（退费申请 " + t.refundNo() + "）。";
            case APPROVED -> "您多付的 " + Money.yuan(amount) + " 的退费申请（" + t.refundNo()
                    + "）已批准，将按原付款方式退还，届时另行通知。";
            case REJECTED, CANCELLED -> "差价 " + Money.yuan(t.difference().negate()) + " 的退费申请（" + t.refundNo()
                    + "）未获批准，差价留作账户余额，日后申请退费时计入可退金额。";
            default -> "您多付的 " + Money.yuan(t.refundable()) + " 已提交退费申请（" + t.refundNo()
                    + "），审批后按原付款方式退还，届时另行通知。";
        };
    }

    /** What became of the difference, in the family's words. */
    private String difference(Transfer t) {
        if (t.settlement() == null || t.settlement() == Transfer.Settlement.NONE) {
            return "无需补缴或退还差价。";
        }
        return switch (t.settlement()) {
            case TOP_UP -> {
                PaymentOrder order = payments.forContract(t.contractId()).orElseThrow();
                boolean paid = order.installmentsCovered() >= t.installmentSeq();
                yield "差价 " + Money.yuan(t.difference()) + " 列为第" + t.installmentSeq() + "期缴费，"
                        + (paid ? "已缴清，谢谢。" : order.installments().stream()
                                .filter(d -> d.seq() == t.installmentSeq()).findFirst()
                                .map(d -> "请于 " + d.dueDate() + " 前缴纳。").orElse("请尽快缴纳。"));
            }
            case REFUND -> refundOfDifference(t);
            default -> "差价 " + Money.yuan(t.difference().negate()) + " 对您有利，已抵减尚未缴纳的分期款或留作账户余额，"
                    + "日后申请退费时计入可退金额。";
        };
    }
}
