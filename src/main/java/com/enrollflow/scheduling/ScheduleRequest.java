package com.enrollflow.scheduling;

import java.time.LocalDate;
import java.util.List;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * What a paid 1:1 opportunity needs scheduled: {@code lessons} lessons (课时) of the subject and grade with a
 * teacher of the level bought, at the preferred weekly times, from {@code firstDate} on. {@code preferredTeacherId}
 * (续费: who taught the student so far) is tried first when it matches; {@code excludedTeacherId} (更换教师) is a teacher
 * not to propose, whoever else matches; null for none.
 */
public record ScheduleRequest(long opportunityId, long customerId, String studentName, String campusCode,
        Subject subject, Grade grade, TeacherLevel teacherLevel, int lessons, List<PreferredTime> preferredTimes,
        LocalDate firstDate, String preferredTeacherId, String excludedTeacherId) {

    /** A request any matching teacher may take. */
    public ScheduleRequest(long opportunityId, long customerId, String studentName, String campusCode,
            Subject subject, Grade grade, TeacherLevel teacherLevel, int lessons, List<PreferredTime> preferredTimes,
            LocalDate firstDate) {
        this(opportunityId, customerId, studentName, campusCode, subject, grade, teacherLevel, lessons,
                preferredTimes, firstDate, null, null);
    }

    /** The same request at other weekly times. */
    ScheduleRequest withPreferredTimes(List<PreferredTime> times) {
        return new ScheduleRequest(opportunityId, customerId, studentName, campusCode, subject, grade, teacherLevel,
                lessons, List.copyOf(times), firstDate, preferredTeacherId, excludedTeacherId);
    }
}
