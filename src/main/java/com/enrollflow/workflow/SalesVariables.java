package com.enrollflow.workflow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.enrollflow.payment.DueDates;
import com.enrollflow.reference.BusinessTime;

/** Variable names of consultation, discount-approval, contract-and-payment and one-on-one-scheduling.bpmn. */
public final class SalesVariables {

    public static final String BOOKING_OUTCOME = "bookingOutcome";
    public static final String VISIT_AT = "visitAt";
    public static final String VISIT_AT_TEXT = "visitAtText";
    public static final String VISIT_NOTE = "visitNote";
    public static final String VISIT_REMINDER_AT = "visitReminderAt";
    public static final String VISIT_OUTCOME = "visitOutcome";
    public static final String NO_SHOW_DECISION = "noShowDecision";
    public static final String TEST_SCORE = "testScore";
    public static final String TEST_LEVEL = "testLevel";
    public static final String TEST_ADVICE = "testAdvice";
    /** 学员情况 on 登记入学测试: a read-only copy of the opportunity (decision 559). */
    public static final String STUDENT_SUMMARY = "studentSummary";
    /** The consultation's periodic check (decision 562): STALLED, WARN or IN_TIME, and the consultant's task it saw. */
    public static final String PROGRESS = "progress";
    public static final String PROGRESS_TASK = "progressTask";
    /** From the assignment: when, after a task is given, its owner is warned (recycle-limits.dmn). */
    public static final String PROGRESS_WARN_AFTER = "progressWarnAfter";
    /** The 回收预警 text on a warned task's card. */
    public static final String RECYCLE_WARNING = "recycleWarning";
    public static final String PLAN_OUTCOME = "planOutcome";
    public static final String TEACHER_LEVEL = "teacherLevel";
    public static final String LESSON_SUBJECT = "lessonSubject";
    public static final String LESSONS = "lessons";
    public static final String PROMOTION_CODE = "promotionCode";
    public static final String VOUCHER_CODE = "voucherCode";
    public static final String CLASS_OFFERING_CODES = "classOfferingCodes";
    public static final String EXTRA_DISCOUNT = "extraDiscount";
    public static final String DISCOUNT_REASON = "discountReason";
    public static final String INSTALLMENT_PLAN = "installmentPlan";
    public static final String PREFERRED_TIMES = "preferredTimes";
    /** Task-local choice lists and figures of the forms (see OptionLists). */
    public static final String PREFERRED_TIME_OPTIONS = "preferredTimeOptions";
    public static final String VOUCHER_OPTIONS = "voucherOptions";
    public static final String VOUCHER_VALUES = "voucherValues";
    public static final String LESSON_OPTIONS = "lessonOptions";
    public static final String PACKAGE_RULE = "packageRule";
    /** 学员情况与入学测试 on 制定方案与报价: read-only copies of the opportunity and its test (decision 560). */
    public static final String PLAN_BASIS = "planBasis";
    public static final String PLAN_PRICES = "planPrices";
    /** Task-local on 制定方案与报价: the collection limit of the campus's city, in words (预收费监管). */
    public static final String COLLECTION_RULE = "collectionRule";
    public static final String LOST_REASON = "lostReason";
    public static final String CONSULTATION_OUTCOME = "consultationOutcome";
    public static final String QUOTE_ID = "quoteId";
    public static final String QUOTE_SUMMARY = "quoteSummary";
    public static final String DISCOUNT_PERCENT = "discountPercent";
    public static final String DISCOUNT_AMOUNT = "discountAmount";
    public static final String REJECTION_COMMENT = "rejectionComment";

    public static final String APPROVAL_LEVELS = "approvalLevels";
    public static final String APPROVAL_LEVEL = "approvalLevel";
    public static final String APPROVAL_HISTORY = "approvalHistory";
    public static final String DISCOUNT_DECISION = "discountDecision";
    public static final String APPROVAL_COMMENT = "approvalComment";
    public static final String DISCOUNT_OUTCOME = "discountOutcome";

    public static final String CONTRACT_ID = "contractId";
    public static final String CONTRACT_NO = "contractNo";
    public static final String ORDER_ID = "orderId";
    public static final String ORDER_NO = "orderNo";
    public static final String PAYMENT_DUE_AT = "paymentDueAt";
    public static final String PAYMENT_SUMMARY = "paymentSummary";
    public static final String FIRST_INSTALLMENT_PAID = "firstInstallmentPaid";
    public static final String AWAITING_CONFIRMATION = "awaitingConfirmation";
    public static final String PENDING_PAYMENT_ID = "pendingPaymentId";
    public static final String COLLECT_OUTCOME = "collectOutcome";
    public static final String PAYMENT_METHOD = "paymentMethod";
    public static final String PAYMENT_AMOUNT = "paymentAmount";
    /** Task-local on 收取学费: what is due now, in words (应收). */
    public static final String AMOUNT_DUE = "amountDue";
    /** Task-local on 确认到账: the payment finance is asked to confirm, in words. */
    public static final String PENDING_PAYMENT_TEXT = "pendingPaymentText";
    public static final String PAYMENT_REFERENCE = "paymentReference";
    public static final String DESK_PAYMENT_STATUS = "deskPaymentStatus";
    public static final String RECEIPT_DECISION = "receiptDecision";
    public static final String PAYMENT_TIMEOUT_DECISION = "paymentTimeoutDecision";
    public static final String NEW_DUE_DATE = "newDueDate";
    public static final String CANCEL_REASON = "cancelReason";
    public static final String PAYMENT_OUTCOME = "paymentOutcome";
    public static final String CREDIT_POLICY = "creditPolicy";

    public static final String PROPOSAL_ID = "proposalId";
    public static final String SCHEDULE_SUMMARY = "scheduleSummary";
    public static final String SCHEDULE_DECISION = "scheduleDecision";
    public static final String SCHEDULE_PROBLEM = "scheduleProblem";
    public static final String MOVE_LESSON_NO = "moveLessonNo";
    public static final String MOVE_TO = "moveTo";

    public static final String INSTALLMENT_SEQ = "installmentSeq";
    public static final String INSTALLMENT_PAID = "installmentPaid";
    public static final String INSTALLMENT_SUMMARY = "installmentSummary";
    public static final String REMIND_AT = "remindAt";
    public static final String DUE_AT = "dueAt";
    public static final String CHASE_OUTCOME = "chaseOutcome";
    public static final String CHASE_NOTE = "chaseNote";

    public static final String NOTIFICATION_KIND = "notificationKind";
    public static final String NOTIFICATION_ID = "notificationId";

    private SalesVariables() {
    }

    /**
     * The {@code newDueDate} a form submitted, checked by {@link DueDates#extensionProblem}; otherwise the problem is
     * reported on the field and null returned.
     */
    public static LocalDate newDueDate(TaskInput input, VariableScope scope, Clock clock) {
        Object raw = scope.getVariable(NEW_DUE_DATE);
        LocalDate due;
        try {
            due = raw == null ? null : LocalDate.parse(raw.toString().strip().substring(0, 10));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            due = null;
        }
        var problem = DueDates.extensionProblem(due, LocalDate.now(clock.withZone(BusinessTime.ZONE)));
        problem.ifPresent(p -> input.problem(NEW_DUE_DATE, p));
        return problem.isPresent() ? null : due;
    }

    /** A due day's last minute in business time: what the due-date timers wait for. */
    public static OffsetDateTime endOfDay(LocalDate day) {
        return DueDates.endOfDay(day);
    }

    /** An id variable; a form that shows an id submits it back as text, so a number in either form is accepted. */
    public static long id(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).strip());
    }

    /**
     * A date-time from a form: Camunda Forms submit ISO text with or without an offset; without one it is read in
     * business time (Beijing). Null when absent or not a date-time.
     */
    public static OffsetDateTime dateTime(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date d) {
            return d.toInstant().atZone(BusinessTime.ZONE).toOffsetDateTime();
        }
        String text = value.toString().strip();
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notOffset) {
            try {
                return ZonedDateTime.parse(text).toOffsetDateTime();
            } catch (DateTimeParseException notZoned) {
                try {
                    return LocalDateTime.parse(text).atZone(BusinessTime.ZONE).toOffsetDateTime();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
    }
}
