package com.enrollflow.testsupport;

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
 * only 郑凯, and a teacher change away from him is refused when nobody else teaches the course (decision 668). Taken
 * on and let go per test, so other tests keep seeing 郑凯 as the campus's only candidate.
 */
@Component
public class SecondMathsTeacher {

    public static final String ID = "T-BJHD-TC1";
    public static final String NAME = "孙悦";
    /** A third, hired by {@link #hireAnother()}: a family may ask for either. */
    public static final String OTHER_ID = "T-BJHD-TC2";
    public static final String OTHER_NAME = "周宁";
    /** Hired by {@link #hireWithoutTheFamilysTimes()}. */
    public static final String EARLY_ID = "T-BJHD-TC3";
    public static final String EARLY_NAME = "吴昊";

    private final TeacherRepository teachers;

    SecondMathsTeacher(TeacherRepository teachers) {
        this.teachers = teachers;
    }

    public void hire() {
        teachers.save(new Teacher(ID, null, NAME, "BJ-HD", TeacherLevel.SENIOR, true));
        teachers.teach(ID, Subject.MATH, Grade.J1, Grade.S3);
        teachers.addAvailability(ID, DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(18, 0));
    }

    public void hireAnother() {
        teachers.save(new Teacher(OTHER_ID, null, OTHER_NAME, "BJ-HD", TeacherLevel.SENIOR, true));
        teachers.teach(OTHER_ID, Subject.MATH, Grade.J1, Grade.S3);
        teachers.addAvailability(OTHER_ID, DayOfWeek.SATURDAY, LocalTime.of(8, 0), LocalTime.of(18, 0));
    }

    /**
     * Taken on for the course but free only early on Wednesday mornings, when no fixture family wants lessons: a
     * change away from 郑凯 is taken, and its new schedule waits at 调整上课时间偏好.
     */
    public void hireWithoutTheFamilysTimes() {
        teachers.save(new Teacher(EARLY_ID, null, EARLY_NAME, "BJ-HD", TeacherLevel.SENIOR, true));
        teachers.teach(EARLY_ID, Subject.MATH, Grade.J1, Grade.S3);
        if (teachers.availability(EARLY_ID).isEmpty()) {
            teachers.addAvailability(EARLY_ID, DayOfWeek.WEDNESDAY, LocalTime.of(6, 0), LocalTime.of(6, 30));
        }
    }

    public void letGo() {
        teachers.find(ID).ifPresent(t -> teachers.save(new Teacher(ID, null, NAME, "BJ-HD", TeacherLevel.SENIOR,
                false)));
        teachers.find(OTHER_ID).ifPresent(t -> teachers.save(new Teacher(OTHER_ID, null, OTHER_NAME, "BJ-HD",
                TeacherLevel.SENIOR, false)));
        teachers.find(EARLY_ID).ifPresent(t -> teachers.save(new Teacher(EARLY_ID, null, EARLY_NAME, "BJ-HD",
                TeacherLevel.SENIOR, false)));
    }
}
