package com.enrollflow.consultation;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** The level a placement test (入学测试) puts the student at. */
@CodeName("测试水平")
public enum TestLevel implements Coded {
    BASIC("基础", "基础水平"),
    INTERMEDIATE("提高", "提高水平"),
    ADVANCED("拔高", "拔高水平");

    private final String label;
    private final List<String> aliases;

    TestLevel(String label, String... aliases) {
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
