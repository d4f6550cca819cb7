package com.enrollflow.renewal;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Where a renewal stands. */
@CodeName("续费状态")
public enum RenewalStatus implements Coded {
    OPEN("续费沟通中"),
    POSTPONED("暂不续费，待跟进"),
    DECLINED("不续费"),
    RENEWED("已续费"),
    CANCELLED("续费合同已作废");

    private final String label;

    RenewalStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    boolean open() {
        return this == OPEN || this == POSTPONED;
    }
}
