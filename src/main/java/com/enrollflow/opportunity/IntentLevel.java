package com.enrollflow.opportunity;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Intent level (意向等级) the agent confirms. */
@CodeName("意向等级")
public enum IntentLevel implements Coded {
    HIGH("高", "高意向"),
    MEDIUM("中", "中意向"),
    LOW("低", "低意向");

    private final String label;
    private final List<String> aliases;

    IntentLevel(String label, String... aliases) {
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
