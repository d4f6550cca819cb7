package com.enrollflow.refund;

/** The refund workflow as the domain sees it (implemented by workflow.refund.CamundaRefundProcess). */
public interface RefundProcess {

    /**
     * Starts the level-3 process {@code refund} for a stored request; business key = the refund number. The decision
     * inputs are the approval table's ({@link RefundApprovals#decisionInputs}).
     */
    void start(Refund refund, java.util.Map<String, Object> decisionInputs);

    /** Tells the refund's process that the request was withdrawn (撤销): it ends without a decision. */
    void cancelled(Refund refund);
}
