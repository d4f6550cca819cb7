package com.enrollflow.workflow;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.enrollflow.reference.BusinessTime;

/** Variable names of consultation, discount-approval, contract-and-payment and one-on-one-scheduling.bpmn. */
final class SalesVariables {

    static final String BOOKING_OUTCOME = "bookingOutcome";
    static final String VISIT_AT = "visitAt";
    static final String VISIT_AT_TEXT = "visitAtText";
    static final String VISIT_NOTE = "visitNote";
    static final String VISIT_REMINDER_AT = "visitReminderAt";
    static final String VISIT_OUTCOME = "visitOutcome";
    static final String NO_SHOW_DECISION = "noShowDecision";
    static final String TEST_SCORE = "testScore";
    static final String TEST_LEVEL = "testLevel";
    static final String TEST_ADVICE = "testAdvice";
    static final String PLAN_OUTCOME = "planOutcome";
    static final String TEACHER_LEVEL = "teacherLevel";
    static final String LESSON_SUBJECT = "lessonSubject";
    static final String LESSONS = "lessons";
    static final String PROMOTION_CODE = "promotionCode";
    static final String CLASS_OFFERING_CODES = "classOfferingCodes";
    static final String EXTRA_DISCOUNT = "extraDiscount";
    static final String DISCOUNT_REASON = "discountReason";
    static final String INSTALLMENT_PLAN = "installmentPlan";
    static final String PREFERRED_TIMES = "preferredTimes";
    /** Task-local choice lists and figures of the forms (see OptionLists). */
    static final String PREFERRED_TIME_OPTIONS = "preferredTimeOptions";
    static final String LESSON_OPTIONS = "lessonOptions";
    static final String PACKAGE_RULE = "packageRule";
    static final String PLAN_PRICES = "planPrices";
    static final String LOST_REASON = "lostReason";
    static final String CONSULTATION_OUTCOME = "consultationOutcome";
    static final String QUOTE_ID = "quoteId";
    static final String QUOTE_SUMMARY = "quoteSummary";
    static final String DISCOUNT_PERCENT = "discountPercent";
    static final String DISCOUNT_AMOUNT = "discountAmount";
    static final String REJECTION_COMMENT = "rejectionComment";

    static final String APPROVAL_LEVELS = "approvalLevels";
    static final String APPROVAL_LEVEL = "approvalLevel";
    static final String APPROVAL_HISTORY = "approvalHistory";
    static final String DISCOUNT_DECISION = "discountDecision";
    static final String APPROVAL_COMMENT = "approvalComment";
    static final String DISCOUNT_OUTCOME = "discountOutcome";

    static final String CONTRACT_ID = "contractId";
    static final String CONTRACT_NO = "contractNo";
    static final String ORDER_ID = "orderId";
    static final String ORDER_NO = "orderNo";
    static final String PAYMENT_DUE_AT = "paymentDueAt";
    static final String PAYMENT_SUMMARY = "paymentSummary";
    static final String FIRST_INSTALLMENT_PAID = "firstInstallmentPaid";
    static final String AWAITING_CONFIRMATION = "awaitingConfirmation";
    static final String PENDING_PAYMENT_ID = "pendingPaymentId";
    static final String COLLECT_OUTCOME = "collectOutcome";
    static final String PAYMENT_METHOD = "paymentMethod";
    static final String PAYMENT_AMOUNT = "paymentAmount";
    /** Task-local on 收取学费: what is due now, in words (应收). */
    static final String AMOUNT_DUE = "amountDue";
    /** Task-local on 确认到账: the payment finance is asked to confirm, in words. */
    static final String PENDING_PAYMENT_TEXT = "pendingPaymentText";
    static final String PAYMENT_REFERENCE = "paymentReference";
    static final String DESK_PAYMENT_STATUS = "deskPaymentStatus";
    static final String RECEIPT_DECISION = "receiptDecision";
    static final String PAYMENT_TIMEOUT_DECISION = "paymentTimeoutDecision";
    static final String NEW_DUE_DATE = "newDueDate";
    static final String CANCEL_REASON = "cancelReason";
    static final String PAYMENT_OUTCOME = "paymentOutcome";
    static final String CREDIT_POLICY = "creditPolicy";

    static final String PROPOSAL_ID = "proposalId";
    static final String SCHEDULE_SUMMARY = "scheduleSummary";
    static final String SCHEDULE_DECISION = "scheduleDecision";
    static final String SCHEDULE_PROBLEM = "scheduleProblem";
    static final String MOVE_LESSON_NO = "moveLessonNo";
    static final String MOVE_TO = "moveTo";

    static final String INSTALLMENT_SEQ = "installmentSeq";
    static final String INSTALLMENT_PAID = "installmentPaid";
    static final String INSTALLMENT_SUMMARY = "installmentSummary";
    static final String REMIND_AT = "remindAt";
    static final String DUE_AT = "dueAt";
    static final String CHASE_OUTCOME = "chaseOutcome";
    static final String CHASE_NOTE = "chaseNote";

    static final String NOTIFICATION_KIND = "notificationKind";
    static final String NOTIFICATION_ID = "notificationId";

    private SalesVariables() {
    }

    /** The longest extension of a due date staff may give (payment timeout, overdue installment). */
    static final int MAX_EXTENSION_DAYS = 60;

    /**
     * The {@code newDueDate} a form submitted: after today and at most 60 days ahead; otherwise the problem is
     * reported on the field and null returned.
     */
    static LocalDate newDueDate(TaskInput input, VariableScope scope, Clock clock) {
        Object raw = scope.getVariable(NEW_DUE_DATE);
        LocalDate due;
        try {
            due = raw == null ? null : LocalDate.parse(raw.toString().strip().substring(0, 10));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            due = null;
        }
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        if (due == null || !due.isAfter(today) || due.isAfter(today.plusDays(MAX_EXTENSION_DAYS))) {
            input.problem(NEW_DUE_DATE, "须为今天之后 " + MAX_EXTENSION_DAYS + " 天内的日期");
            return null;
        }
        return due;
    }

    /** A due day's last minute in business time: what the due-date timers wait for. */
    static OffsetDateTime endOfDay(LocalDate day) {
        return day.atTime(23, 59).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    /** An id variable; a form that shows an id submits it back as text, so a number in either form is accepted. */
    static long id(VariableScope scope, String name) {
        Object v = scope.getVariable(name);
        return v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).strip());
    }

    /**
     * A date-time from a form: Camunda Forms submit ISO text with or without an offset; without one it is read in
     * business time (Beijing). Null when absent or not a date-time.
     */
    static OffsetDateTime dateTime(Object value) {
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
