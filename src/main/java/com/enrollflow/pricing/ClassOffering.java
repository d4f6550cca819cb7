package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;

/**
 * A class (班课) open for enrolment at a campus, sold at the price of the whole class; {@code held} of its lessons have
 * had their roll call (班课点名), and a family joining it then (插班) buys the lessons left (decision 553).
 */
record ClassOffering(String code, String campusCode, String name, Subject subject, Grade grade, int lessons,
        BigDecimal price, LocalDate startsOn, boolean active, int held, String schedule) {

    /** The lessons still to be held. */
    int left() {
        return Math.max(0, lessons - held);
    }

    /** What the lessons left cost: the whole price for a class not begun, else their share, rounded once. */
    BigDecimal priceOfLeft() {
        return price.multiply(BigDecimal.valueOf(left())).divide(BigDecimal.valueOf(lessons), 2, RoundingMode.HALF_UP);
    }

    /**
     * 初二数学寒假班, or 初二数学寒假班·插班 for a class under way (the plan form's option adds its lessons left and their
     * price: 初二数学寒假班·插班（10 课时，¥1,580.00）).
     */
    String shownName() {
        return held == 0 ? name : name + "·插班";
    }
}
