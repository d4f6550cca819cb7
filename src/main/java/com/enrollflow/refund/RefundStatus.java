package com.enrollflow.refund;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Where a refund request stands (退费状态). */
@CodeName("退费状态")
public enum RefundStatus implements Coded {
    REQUESTED("已申请"),
    APPROVING("审批中"),
    REJECTED("已驳回"),
    APPROVED("已批准，待退款"),
    PAID("已退款"),
    CANCELLED("已撤销");

    private final String label;

    RefundStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> aliases() {
        return List.of();
    }

    /** Still in the works: no second request on the contract meanwhile. */
    public boolean open() {
        return this == REQUESTED || this == APPROVING || this == APPROVED;
    }
}
