package com.enrollflow.scheduling;

import com.enrollflow.reference.TeacherLevel;

/** A teacher (教师) of one campus; userId is the login (Camunda user) when the teacher has one. */
public record Teacher(String id, String userId, String name, String campusCode, TeacherLevel level,
        boolean active) {
}
