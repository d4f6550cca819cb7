package com.enrollflow.opportunity;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** When the family means to start (计划开课时间), asked while exploring intent; a DMN input of the intent level. */
@CodeName("计划开课时间")
public enum StartPlan implements Coded {
    WITHIN_2_WEEKS("两周内", "2周内", "马上", "尽快"),
    WITHIN_MONTH("一个月内", "1个月内", "本月内"),
    WITHIN_TERM("本学期内", "这学期", "本学期"),
    UNDECIDED("未确定", "不确定", "待定");

    private final String label;
    private final List<String> aliases;

    StartPlan(String label, String... aliases) {
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
