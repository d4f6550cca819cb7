package com.enrollflow.refund;

/**
 * What another feature must do once a refund has been paid back (退费完成), in the settlement's transaction: an
 * invoice beyond what the family kept must be reversed (开具发票). The refund knows no feature that follows it.
 */
public interface RefundPaidFollowUp {

    void refundPaid(Refund refund);
}
