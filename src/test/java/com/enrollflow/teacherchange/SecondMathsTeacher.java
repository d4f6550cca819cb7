package com.enrollflow.teacherchange;

import java.time.DayOfWeek;
import java.time.LocalTime;

import org.springframework.stereotype.Component;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.scheduling.Teacher;
import com.enrollflow.scheduling.TeacherRepository;

/**
 * A second senior maths teacher at BJ-HD, free on Saturdays (the fixture family's preferred time): the demo campus has
 * only 郑凯, so without this teacher a change away from him finds nobody. Taken on and let go per test, so other tests
 * keep seeing 郑凯 as the campus's only candidate.
 */
@Component
class SecondMathsTeacher {

    static final String ID = "T-BJHD-TC1";
    static final String NAME = "孙悦";
    /** A third, hired by {@link #hireAnother()}: a family may ask for either. */
    static final String OTHER_ID = "T-BJHD-TC2";
    static final String OTHER_NAME = "周宁";

    private final TeacherRepository teachers;

    SecondMathsTeacher(TeacherRepository teachers) {
        this.teachers = teachers;
    }

    void hire() {
        teachers.save(new Teacher(ID, null, NAME, "BJ-HD", TeacherLevel.SENIOR, true));
        teachers.teach(ID, Subject.MATH, Grade.J1, Grade.S3);
        teachers.addAvailability(ID, DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(18, 0));
    }

    void hireAnother() {
        teachers.save(new Teacher(OTHER_ID, null, OTHER_NAME, "BJ-HD", TeacherLevel.SENIOR, true));
        teachers.teach(OTHER_ID, Subject.MATH, Grade.J1, Grade.S3);
        teachers.addAvailability(OTHER_ID, DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(18, 0));
    }

    void letGo() {
        teachers.find(ID).ifPresent(t -> teachers.save(new Teacher(ID, null, NAME, "BJ-HD", TeacherLevel.SENIOR,
                false)));
        teachers.find(OTHER_ID).ifPresent(t -> teachers.save(new Teacher(OTHER_ID, null, OTHER_NAME, "BJ-HD",
                TeacherLevel.SENIOR, false)));
    }
}
