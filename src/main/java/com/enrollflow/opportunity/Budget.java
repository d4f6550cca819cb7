package com.enrollflow.opportunity;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** The family's budget for the course (预算), asked while exploring intent; a DMN input of the intent level. */
@CodeName("预算")
public enum Budget implements Coded {
    UNDER_5K("5千元以下", "5000元以下", "5千以下"),
    FROM_5K_TO_15K("5千–1.5万元", "5千-1.5万元", "5000-15000元", "5千-1.5万"),
    FROM_15K_TO_30K("1.5万–3万元", "1.5万-3万元", "15000-30000元", "1.5万-3万"),
    OVER_30K("3万元以上", "30000元以上", "3万以上"),
    UNKNOWN("未透露", "不详", "未知");

    private final String label;
    private final List<String> aliases;

    Budget(String label, String... aliases) {
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
