package com.enrollflow.refund;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Why a family asks for its money back (退费原因). */
@CodeName("退费原因")
public enum RefundReason implements Coded {
    PERSONAL("个人原因"),
    TEACHING("教学不满意", "对教学不满意"),
    RELOCATION("搬家或转学", "搬家", "转学"),
    SCHEDULE("时间冲突"),
    OTHER("其他"),
    /** Only a transfer asks for it (转课后差价退还), never a requester. */
    TRANSFER("转课差价"),
    /**
     * Money confirmed beyond what the order asks (多付款退还): a second online payment, or one that arrived after the
     * contract was cancelled. Paid back alone; the lessons and the contract stay as they are.
     */
    OVERPAYMENT("多付款退还", "多付", "多缴", "重复缴费", "多付款");

    private final String label;
    private final List<String> aliases;

    RefundReason(String label, String... aliases) {
        this.label = label;
        this.aliases = List.of(aliases);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }
}
