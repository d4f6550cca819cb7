package com.enrollflow.workflow;

/** Process keys, message names and variable names shared by BPMN, Java and tests. */
public final class ProcessConstants {

    public static final String ENROLLMENT = "enrollment";
    public static final String LEAD_INTENT = "leadIntent";
    public static final String LEAD_REGISTRATION = "leadRegistration";

    public static final String MESSAGE_REPEAT_ENQUIRY = "RepeatEnquiry";

    public static final String OPPORTUNITY_ID = "opportunityId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String CUSTOMER_NAME = "customerName";
    public static final String PHONE_DISPLAY = "phoneDisplay";
    public static final String CHANNEL = "channel";
    public static final String CAMPUS = "campus";
    public static final String PRODUCT_LINE = "productLine";
    public static final String CONTACT_GROUP = "contactGroup";
    public static final String HANDLED_BY = "handledBy";
    public static final String CONTACT_RESULT = "contactResult";
    public static final String CONTACT_NOTE = "contactNote";
    public static final String CONTACT_ATTEMPTS = "contactAttempts";
    public static final String INTENT_DECISION = "intentDecision";
    public static final String NO_INTENT_REASON = "noIntentReason";
    public static final String PRODUCT_INTEREST = "productInterest";
    public static final String SUGGESTED_INTENT_LEVEL = "suggestedIntentLevel";
    public static final String INTENT_LEVEL = "intentLevel";
    public static final String OVERRIDE_REASON = "overrideReason";
    public static final String INTENT_OUTCOME = "intentOutcome";
    public static final String SPLIT_FROM = "splitFrom";
    public static final String CONSULTANT_ID = "consultantId";
    /** Who 续费沟通 goes to (renewal.bpmn); null while the campus's customer service may take it. */
    public static final String RENEWAL_OWNER = "renewalOwner";
    /** A renewal's number (XF000012) and the contract it renews, passed to the processes it calls (优惠审批, 续费排课 …). */
    public static final String RENEWAL_NO = "renewalNo";
    public static final String OLD_CONTRACT_NO = "oldContractNo";
    /**
     * A renewal's first day of new lessons, and the teacher it asks for first (the one the student had), as 续费排课
     * schedules them.
     */
    public static final String NEW_LESSONS_FROM = "newLessonsFrom";
    public static final String PREFERRED_TEACHER = "preferredTeacherId";
    public static final String FOLLOW_UP_NOTE = "followUpNote";

    public static final String OUTCOME_QUALIFIED = "QUALIFIED";

    private ProcessConstants() {
    }
}
