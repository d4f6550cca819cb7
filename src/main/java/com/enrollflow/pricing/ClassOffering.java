package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;

/** A class (班课) open for enrolment at a campus, sold at the price of the whole class. */
record ClassOffering(String code, String campusCode, String name, Subject subject, Grade grade, int lessons,
        BigDecimal price, LocalDate startsOn, boolean active) {
}
