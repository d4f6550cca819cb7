package com.enrollflow.contract;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

@CodeName("合同状态")
public enum ContractStatus implements Coded {
    ISSUED("已签发", "签发", "有效"),
    /** Withdrawn; the number stays used so the sequence has no gaps. */
    CANCELLED("已作废", "作废"),
    /** A refund paid back part of it: lessons had been taught, or fees kept (部分退费). */
    PARTIALLY_REFUNDED("部分退费"),
    /** A refund paid back everything paid, before any lesson (已退费). */
    REFUNDED("已退费", "全额退费");

    private final String label;
    private final List<String> aliases;

    ContractStatus(String label, String... aliases) {
        this.aliases = List.of(aliases);
        this.label = label;
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
