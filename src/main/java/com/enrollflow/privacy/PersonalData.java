package com.enrollflow.privacy;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Blanks one customer's personal data in EnrollFlow's own tables, in the caller's transaction. Rows stay (ids,
 * codes, statuses, timestamps and money are what the funnel, the activity counts and the accounts add up);
 * names become {@link #placeholderName}, the phone a unique value that is no phone number, and every free text
 * typed about the person (notes, goal, study habits, reasons, comments, timeline details, mails) is removed.
 * Kept on purpose: contract, payment order, installment, payment and receipt figures and numbers, and the archived
 * contract PDF as issued (会计档案: accounting records the law requires to be kept).
 */
@Component
class PersonalData {

    /** What a free-text column shows where something was erased (not-null columns, or where "nothing" would mislead). */
    static final String ERASED = "（已删除）";

    private static final String OPPORTUNITIES = "(select id from opportunity where customer_id = :customer)";

    private final JdbcClient jdbc;

    PersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String placeholderName(long customerId) {
        return "已删除客户#" + customerId;
    }

    /**
     * Not a phone number (stored numbers are E.164 and start with "+"), unique like every customer's phone (the
     * constraint uq_customer_phone), so no later enquiry can ever be matched to the erased customer.
     */
    static String placeholderPhone(long customerId) {
        return "ERASED-" + customerId;
    }

    /** Erases and returns, per table, how many rows had personal data blanked. */
    Map<String, Integer> erase(long customerId, OffsetDateTime now) {
        String oldName = jdbc.sql("select name from customer where id = ?").param(customerId).query(String.class)
                .single();
        List<String> emails = jdbc.sql("select email from customer where id = :customer and email is not null "
                + "union select email from enquiry where customer_id = :customer and email is not null")
                .param("customer", customerId).query(String.class).list();

        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("notification", notifications(customerId, oldName, emails));
        counts.put("customer", jdbc.sql("update customer set name = :name, phone = :phone, email = null, "
                + "birth_date = null, updated_at = :now where id = :customer").param("name", placeholderName(customerId))
                .param("phone", placeholderPhone(customerId)).param("now", now).param("customer", customerId)
                .update());
        counts.put("enquiry", update("update enquiry set name = :name, phone_as_given = :phone, email = null, "
                + "goal = null, notes = null, referrer = null where customer_id = :customer", customerId));
        counts.put("opportunity", update("update opportunity set goal = null, study_habits = null, "
                + "close_reason = " + erasedIfSet("close_reason") + ", "
                + "recycle_exempt_reason = " + erasedIfSet("recycle_exempt_reason") + " "
                + "where customer_id = :customer and (goal is not null or study_habits is not null "
                + "or close_reason is not null or recycle_exempt_reason is not null)", customerId));
        counts.put("timelineEvent", update("update timeline_event set detail = null "
                + "where customer_id = :customer and detail is not null", customerId));
        counts.put("assignmentEvent", update("update assignment_event set reason = null "
                + "where reason is not null and opportunity_id in " + OPPORTUNITIES, customerId));
        counts.put("visit", update("update visit set note = null "
                + "where note is not null and opportunity_id in " + OPPORTUNITIES, customerId));
        counts.put("placementTest", update("update placement_test set advice = null "
                + "where advice is not null and opportunity_id in " + OPPORTUNITIES, customerId));
        counts.put("quote", update("update quote set discount_reason = null "
                + "where discount_reason is not null and opportunity_id in " + OPPORTUNITIES, customerId));
        counts.put("approvalDecision", update("update approval_decision set comment = null where comment is not null "
                + "and quote_id in (select id from quote where opportunity_id in " + OPPORTUNITIES + ")",
                customerId));
        counts.put("saleTerms", update("update sale_terms set preferred_times = null where preferred_times is not null "
                + "and quote_id in (select id from quote where opportunity_id in " + OPPORTUNITIES + ")",
                customerId));
        counts.put("contract", update("update contract set cancel_reason = :erased "
                + "where cancel_reason is not null and opportunity_id in " + OPPORTUNITIES, customerId));
        counts.put("payment", update("update payment set reference = null where reference is not null "
                + "and order_id in (select id from payment_order where opportunity_id in " + OPPORTUNITIES + ")",
                customerId));
        counts.put("scheduleProposal", update("update schedule_proposal set student_name = :name, "
                + "cancel_reason = " + erasedIfSet("cancel_reason") + " where customer_id = :customer",
                customerId));
        // after the sale: what families wrote and what staff wrote about them (the amounts, dates and statuses stay)
        String ofTheirs = " where opportunity_id in " + OPPORTUNITIES;
        counts.put("lessonAttendance", update("update lesson_attendance set note = null, correction_reason = "
                + erasedIfSet("correction_reason") + " where (note is not null or correction_reason is not null) "
                + "and lesson_id in (select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.customer_id = :customer)", customerId));
        counts.put("refundApproval", update("update refund_approval set comment = null where comment is not null and "
                + "refund_id in (select id from refund" + ofTheirs + ")", customerId));
        counts.put("refund", update("update refund set note = null, rejection_comment = "
                + erasedIfSet("rejection_comment") + ", cancel_reason = " + erasedIfSet("cancel_reason") + ofTheirs,
                customerId));
        // an invoice keeps its number, amount and a company's title and tax id (会计档案); a person's name as its title,
        // the address it went to and what was written about it go
        counts.put("invoiceRequest", update("update invoice_request set email = :erased, note = null, "
                + "title = case when title_type = 'PERSONAL' then :name else title end, refusal_reason = "
                + erasedIfSet("refusal_reason") + ", reversal_reason = " + erasedIfSet("reversal_reason") + ofTheirs,
                customerId));
        counts.put("suspension", update("update suspension set reason = :erased" + ofTheirs, customerId));
        counts.put("transfer", update("update transfer set reason = :erased" + ofTheirs, customerId));
        counts.put("teacherChange", update("update teacher_change set reason = :erased" + ofTheirs, customerId));
        counts.put("complaint", update("update complaint set description = :erased, resolution = "
                + erasedIfSet("resolution") + " where customer_id = :customer", customerId));
        counts.put("survey", update("update survey set comment = null" + ofTheirs + " and comment is not null",
                customerId));
        counts.put("careTouch", update("update care_touch set outcome = " + erasedIfSet("outcome") + ofTheirs,
                customerId));
        counts.put("qualityReview", update("update quality_review set review_comment = null, coaching_note = null"
                + ofTheirs + " and (review_comment is not null or coaching_note is not null)", customerId));
        counts.put("renewal", update("update renewal set decline_reason = " + erasedIfSet("decline_reason")
                + ", note = null" + ofTheirs, customerId));
        counts.put("referralReward", update("update referral_reward set approval_comment = null where approval_comment "
                + "is not null and referral_id in (select id from referral where referred_customer_id = :customer "
                + "or referrer_customer_id = :customer)", customerId));
        counts.put("idempotentRequest", jdbc.sql("delete from idempotent_request "
                + "where response_body like :inside or response_body like :last")
                .param("inside", "%\"customerId\":" + customerId + ",%")
                .param("last", "%\"customerId\":" + customerId + "}%").update());
        return counts;
    }

    /**
     * Mails about the customer's opportunities (also those to staff, which name the customer in the subject),
     * and mails queued before notifications knew their opportunity: to one of the customer's addresses, or naming
     * the customer in the subject. A mail not yet sent is not sent any more (SKIPPED).
     */
    private int notifications(long customerId, String oldName, List<String> emails) {
        List<String> legacy = new ArrayList<>();
        if (!emails.isEmpty()) {
            legacy.add("recipient in (:emails)");
        }
        if (oldName.strip().length() >= 2) {
            legacy.add("subject like :named");
        }
        String where = "opportunity_id in " + OPPORTUNITIES
                + (legacy.isEmpty() ? "" : " or (opportunity_id is null and (" + String.join(" or ", legacy) + "))");
        var statement = jdbc.sql("update notification set recipient = null, subject = :erased, body = :erased, "
                + "last_error = null, status = case when status = 'PENDING' then 'SKIPPED' else status end "
                + "where " + where)
                .param("erased", ERASED).param("customer", customerId);
        if (!emails.isEmpty()) {
            statement = statement.param("emails", emails);
        }
        if (oldName.strip().length() >= 2) {
            statement = statement.param("named", "%" + oldName.strip() + "%");
        }
        return statement.update();
    }

    private static String erasedIfSet(String column) {
        return "case when " + column + " is null then null else :erased end";
    }

    /** Binds what every statement may name (named parameters a statement does not use are ignored). */
    private int update(String sql, long customerId) {
        return jdbc.sql(sql).param("customer", customerId).param("name", placeholderName(customerId))
                .param("phone", placeholderPhone(customerId)).param("erased", ERASED).update();
    }
}
