package com.enrollflow.workflow.refund;

/** Variable names of refund.bpmn and refund-request.bpmn. */
final class RefundVariables {

    static final String REFUND_ID = "refundId";
    static final String REFUND_NO = "refundNo";
    static final String CONTRACT_ID = "contractId";
    static final String CONTRACT_NUMBER = "contractNumber";
    /** The contract as typed on the start form request-refund: its number or the family's phone. */
    static final String CONTRACT = "contract";
    /** 退学, the checkbox of the start form request-refund. */
    static final String WITHDRAWAL = "withdrawal";
    static final String LEAVE_CLASS = "leaveClass";
    static final String LESSONS = "lessons";
    static final String APPROVAL_LEVELS_FOUND = "refundApprovalLevels";
    static final String APPROVAL_LEVELS = "approvalLevels";
    static final String APPROVAL_LEVEL = "approvalLevel";
    static final String DECISION = "refundDecision";
    static final String COMMENT = "approvalComment";
    static final String OUTCOME = "refundOutcome";
    static final String REJECTION_COMMENT = "rejectionComment";
    static final String PAYOUTS = "payoutPaymentIds";
    static final String PAYMENT_ID = "payoutPaymentId";
    static final String CHANNEL = "payoutChannel";
    static final String PAYOUT_SUMMARY = "payoutSummary";
    static final String VOUCHER = "payoutVoucher";
    static final String BANK_ACCOUNT = "bankAccount";
    static final String DUE_DATE = "payoutDueDate";
    static final String ESCALATE_AT = "payoutEscalateAt";
    static final String URGE_NOTE = "urgeNote";

    private RefundVariables() {
    }
}
