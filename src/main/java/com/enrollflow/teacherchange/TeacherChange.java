package com.enrollflow.teacherchange;

import java.time.OffsetDateTime;

/**
 * A teacher change (更换教师) as it was asked and carried out: the teacher left ({@code fromTeacher…}), the schedule's
 * subject and level kept, the lessons released and to schedule again, and, once the new schedule is confirmed, the
 * new teacher ({@code toTeacher…}). {@code complaintNo} names the complaint it came from, if any; {@code withdrawn…}
 * who withdrew it before that, when and why; {@code preferredTeacher…} the new teacher the family asked for, if any
 * (tried first; academic affairs may confirm another when that one cannot take the lessons).
 */
public record TeacherChange(long id, String teacherChangeNo, long contractId, long opportunityId, String campusCode,
        String fromTeacherId, String fromTeacherName, String toTeacherId, String toTeacherName, String subject,
        String teacherLevel, int lessonsReleased, int lessonsToSchedule, String complaintNo, String status,
        String statusLabel, String reason, String requestedBy, OffsetDateTime requestedAt,
        OffsetDateTime completedAt, String withdrawnBy, OffsetDateTime withdrawnAt, String withdrawReason,
        String preferredTeacherId, String preferredTeacherName) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";
    /** 已撤销: withdrawn before the new schedule was confirmed; the lessons are scheduled again on the same terms. */
    public static final String WITHDRAWN = "WITHDRAWN";

    /** "HJ000012" (换教师): never equal to an opportunity id. */
    static String number(long id) {
        return String.format("HJ%06d", id);
    }

    static String statusLabel(String status) {
        return COMPLETED.equals(status) ? "已完成" : WITHDRAWN.equals(status) ? "已撤销" : "排课中";
    }
}
