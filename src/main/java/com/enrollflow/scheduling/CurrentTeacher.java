package com.enrollflow.scheduling;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * Who teaches an opportunity's 1:1 lessons now (更换教师 reads it): its live schedule (PROPOSED or CONFIRMED) with the
 * subject, grade and level it was planned for, and the teacher of its next lesson not begun (of its last lesson when
 * none is ahead); {@code teacherId} is null when the schedule has no lesson left at all.
 */
public record CurrentTeacher(long proposalId, String proposalStatus, Subject subject, Grade grade,
        TeacherLevel teacherLevel, String teacherId, String teacherName) {

    public boolean confirmed() {
        return ScheduleStatus.CONFIRMED.name().equals(proposalStatus);
    }
}
