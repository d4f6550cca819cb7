package com.enrollflow.contract;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

@CodeName("合同状态")
public enum ContractStatus implements Coded {
    ISSUED("已签发", "签发", "有效"),
    /** Withdrawn; the number stays used so the sequence has no gaps. */
    CANCELLED("已作废", "作废");

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
