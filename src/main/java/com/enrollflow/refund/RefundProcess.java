package com.enrollflow.refund;

/** The refund workflow as the domain sees it (implemented by workflow.refund.CamundaRefundProcess). */
public interface RefundProcess {

    /** Starts the level-3 process {@code refund} for a stored request; business key = the refund number. */
    void start(Refund refund);

    /** Tells the refund's process that the request was withdrawn (撤销): it ends without a decision. */
    void cancelled(Refund refund);
}
