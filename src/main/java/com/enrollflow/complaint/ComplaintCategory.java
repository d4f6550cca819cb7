package com.enrollflow.complaint;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** What a complaint or service request is about (投诉类别). */
@CodeName("投诉类别")
public enum ComplaintCategory implements Coded {
    TEACHING("教学质量", "教学"),
    SERVICE("服务态度", "服务"),
    SCHEDULING("排课", "课程安排"),
    FEES("费用", "收费"),
    ENVIRONMENT("环境", "校区环境"),
    OTHER("其他");

    private final String label;
    private final List<String> aliases;

    ComplaintCategory(String label, String... aliases) {
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
