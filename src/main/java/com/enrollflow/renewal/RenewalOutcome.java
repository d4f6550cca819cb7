package com.enrollflow.renewal;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** What the family said in 续费沟通. */
@CodeName("沟通结果")
public enum RenewalOutcome implements Coded {
    RENEW("续费", List.of("同意续费")),
    LATER("暂不续费", List.of("以后再说", "稍后")),
    DECLINE("不续费", List.of("不再续费"));

    private final String label;
    private final List<String> aliases;

    RenewalOutcome(String label, List<String> aliases) {
        this.label = label;
        this.aliases = aliases;
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
