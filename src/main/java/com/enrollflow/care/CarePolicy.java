package com.enrollflow.care;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The process owner's tables: care-policy.dmn (what to do) and exam-dates.dmn (when the grade's exam is). */
public interface CarePolicy {

    /** What a contract's facts call for, in the table's order. */
    List<CareTouches.Touch> decide(CareTouches.Facts facts);

    /** The exam of the grade (中考, 高考), if the calendar names one. */
    Optional<Exam> examFor(String grade);

    record Exam(String name, LocalDate date) {
    }
}
