package com.enrollflow.lead;

import java.util.List;
import java.util.Optional;

import com.enrollflow.common.Coded;
import com.enrollflow.common.LabelIndex;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;

/**
 * The columns of a lead list (线索导入): the title the template prints (and the import accepts), the other titles
 * departments' spreadsheets use, and for a coded column the code type whose labels the template offers in a
 * drop-down list. One list for the import and the template, so they cannot disagree.
 */
enum LeadColumns {
    NAME("name", "姓名", null, true, "客户姓名", "学生姓名", "家长姓名", "联系人"),
    PHONE("phone", "电话", null, true, "手机", "手机号", "手机号码", "联系电话", "电话号码", "家长电话", "家长手机",
            "联系方式"),
    CHANNEL("channel", "渠道", Channel.class, false, "来源渠道"),
    EMAIL("email", "邮箱", null, false, "电子邮箱"),
    CAMPUS("campus", "校区", null, false, "意向校区"),
    PRODUCT_LINE("productLine", "产品线", ProductLine.class, false),
    GRADE("grade", "年级", Grade.class, false),
    SUBJECT("subject", "科目", Subject.class, false),
    GOAL("goal", "学习目标", null, false),
    CAMPAIGN("campaign", "活动", null, false, "市场活动"),
    REFERRER("referrer", "转介绍人", null, false, "推荐人", "介绍人", "介绍人姓名"),
    REFERRER_PHONE("referrerPhone", "介绍人手机号", null, false, "转介绍人手机号", "推荐人手机号", "介绍人电话"),
    NOTES("notes", "备注", null, false),
    STUDENT_BIRTH_DATE("studentBirthDate", "学生生日", null, false, "生日", "出生日期");

    private final String field;
    private final String title;
    private final Class<? extends Coded> codes;
    private final boolean required;
    private final List<String> otherTitles;

    LeadColumns(String field, String title, Class<? extends Coded> codes, boolean required, String... otherTitles) {
        this.field = field;
        this.title = title;
        this.codes = codes;
        this.required = required;
        this.otherTitles = List.of(otherTitles);
    }

    /** The LeadRequest field (and the English header the import also accepts). */
    String field() {
        return field;
    }

    /** The Chinese header the template prints. */
    String title() {
        return title;
    }

    /** The titles the import takes for the column, the template's first: 电话、手机、手机号… */
    List<String> titles() {
        List<String> all = new java.util.ArrayList<>();
        all.add(title);
        all.addAll(otherTitles);
        return all;
    }

    boolean required() {
        return required;
    }

    /** The code type of a coded column (渠道, 产品线, 年级, 科目); 校区 is coded by the campus table instead. */
    Optional<Class<? extends Coded>> codes() {
        return Optional.ofNullable(codes);
    }

    /** The column a header names: its field, its title or another title, in any case or width, a trailing * ignored. */
    static Optional<LeadColumns> byHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String key = LabelIndex.key(header).replaceAll("[*]+$", "").replace("(必填)", "");
        for (LeadColumns c : values()) {
            if (LabelIndex.key(c.field).equals(key) || LabelIndex.key(c.title).equals(key)
                    || c.otherTitles.stream().anyMatch(t -> LabelIndex.key(t).equals(key))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
