package com.enrollflow.reference;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** Teacher level (教师级别): a 1:1 lesson's price and a teacher's match depend on it. */
@CodeName("教师级别")
public enum TeacherLevel implements Coded {
    STANDARD("标准教师", "标准", "普通教师"),
    SENIOR("高级教师", "高级", "资深教师"),
    MASTER("特级教师", "特级", "名师");

    private final String label;
    private final List<String> aliases;

    TeacherLevel(String label, String... aliases) {
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
