package com.enrollflow.teaching;

import java.util.List;

import com.enrollflow.common.CodeName;
import com.enrollflow.common.Coded;

/** What happened to a scheduled lesson (出勤情况). */
@CodeName("出勤情况")
public enum AttendanceStatus implements Coded {
    ATTENDED("出勤", "到课", "已上课"),
    LEAVE("请假"),
    ABSENT("缺勤", "旷课", "未到"),
    TEACHER_ABSENT("教师缺课", "老师缺课", "教师请假");

    private final String label;
    private final List<String> aliases;

    AttendanceStatus(String label, String... aliases) {
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
