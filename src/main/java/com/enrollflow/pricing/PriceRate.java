package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/** Price of one 1:1 lesson; grade or subject null = any. */
record PriceRate(long id, String campusCode, Grade grade, Subject subject, TeacherLevel teacherLevel,
        BigDecimal lessonPrice, LocalDate validFrom, LocalDate validTo) {

    boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    boolean covers(Grade g, Subject s) {
        return (grade == null || grade == g) && (subject == null || subject == s);
    }

    /** grade + subject (3) > grade (2) > subject (1) > any (0). */
    int specificity() {
        return (grade == null ? 0 : 2) + (subject == null ? 0 : 1);
    }
}
