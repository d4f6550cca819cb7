package com.enrollflow.teacherchange;

/** Starts the teacher change process (更换教师) for a teacher change just stored. */
public interface TeacherChangeProcess {

    void start(TeacherChange change, long quoteId);

    /** The change was withdrawn: its scheduling ends and the lessons are scheduled again from {@code from}. */
    void withdrawn(TeacherChange change, long quoteId, java.time.LocalDate from);
}
