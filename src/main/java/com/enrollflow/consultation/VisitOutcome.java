package com.enrollflow.consultation;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** What the front desk recorded at the booked time. */
@CodeName("到访结果")
public enum VisitOutcome implements Coded {
    VISITED("已到访", "到访", "已到"),
    NO_SHOW("未到访", "未到", "爽约");

    private final String label;
    private final List<String> aliases;

    VisitOutcome(String label, String... aliases) {
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
