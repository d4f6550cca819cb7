package com.enrollflow.scheduling;

import com.enrollflow.reference.TeacherLevel;

/** A teacher (教师) of one campus; userId is the login (Camunda user) when the teacher has one. */
public record Teacher(String id, String userId, String name, String campusCode, TeacherLevel level,
        boolean active) {

    /** The name staff mean when they type a teacher as they speak of them: 郑凯老师 is 郑凯. */
    public static String nameTyped(String typed) {
        return typed.endsWith("老师") ? typed.substring(0, typed.length() - 2).strip() : typed;
    }

    /** Whether staff typing {@code typed} mean this teacher: the staff id (any case), or the name, 老师 or not. */
    public boolean answersTo(String typed) {
        return id.equalsIgnoreCase(typed) || name.equals(nameTyped(typed));
    }
}
