package com.enrollflow.complaint;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** How serious a complaint is (严重程度). */
@CodeName("严重程度")
public enum ComplaintSeverity implements Coded {
    NORMAL("一般"),
    SERIOUS("严重"),
    URGENT("紧急");

    private final String label;

    ComplaintSeverity(String label) {
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
}
