package com.enrollflow.reference;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/**
 * School grade (年级) of the student. Besides the label, staff write the grade as 一年级 / 1年级 / 小一, 初二 / 初中二年级 /
 * 八年级, 高一 / 高中一年级 …
 */
@CodeName("年级")
public enum Grade implements Coded {
    K("学前", "学前班", "幼儿园", "幼升小"),
    P1("小学一年级", "一年级", "1年级", "小学1年级", "小一"),
    P2("小学二年级", "二年级", "2年级", "小学2年级", "小二"),
    P3("小学三年级", "三年级", "3年级", "小学3年级", "小三"),
    P4("小学四年级", "四年级", "4年级", "小学4年级", "小四"),
    P5("小学五年级", "五年级", "5年级", "小学5年级", "小五"),
    P6("小学六年级", "六年级", "6年级", "小学6年级", "小六"),
    J1("初一", "初中一年级", "七年级", "7年级", "初1"),
    J2("初二", "初中二年级", "八年级", "8年级", "初2"),
    J3("初三", "初中三年级", "九年级", "9年级", "初3"),
    S1("高一", "高中一年级", "高1"),
    S2("高二", "高中二年级", "高2"),
    S3("高三", "高中三年级", "高3");

    private final String label;
    private final List<String> aliases;

    Grade(String label, String... aliases) {
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
