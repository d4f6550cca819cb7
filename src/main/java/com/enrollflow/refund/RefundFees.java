package com.enrollflow.refund;

import java.math.BigDecimal;

/**
 * The fees a refund keeps (退费手续费), as the policy table says (bpmn/refund-fees.dmn, 确定退费手续费): a percentage of
 * what would otherwise come back, by reason and lessons taken. The demo policy charges none.
 */
public interface RefundFees {

    String DECISION_KEY = "refundFees";

    /** A fee: its rate in percent of what would come back, and its name as the approvers read it. */
    record Fee(BigDecimal percent, String name) {
    }

    Fee feeFor(RefundReason reason, int consumedLessons);
}
