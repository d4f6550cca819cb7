package com.enrollflow.pricing;

import java.math.BigDecimal;

import com.enrollflow.reference.ProductLine;

/** An hour package (课时包) of a campus: a percentage off the 1:1 lessons from minLessons on. */
record HourPackage(String code, String campusCode, ProductLine productLine, String name, int minLessons,
        BigDecimal discountPercent, boolean active) {
}
