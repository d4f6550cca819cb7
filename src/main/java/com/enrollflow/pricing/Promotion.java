package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.enrollflow.reference.ProductLine;

/** A promotion (优惠活动): percentOff or amountOff (exactly one); campus and product line null = all. */
record Promotion(String code, String name, String campusCode, ProductLine productLine, BigDecimal percentOff,
        BigDecimal amountOff, LocalDate validFrom, LocalDate validTo) {

    boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && !day.isAfter(validTo);
    }
}
