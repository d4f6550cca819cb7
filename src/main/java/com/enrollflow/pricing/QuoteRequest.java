package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * A plan to price (方案): for ONE_ON_ONE the 1:1 lessons (grade, subject, teacher level, lessons, optional hour
 * package), for CLASS only class offerings; either may add cross-sold classes, a promotion and a discretionary
 * discount with its reason. {@code lessons} is the number of 1:1 lessons; {@code pricingDate} null = today
 * (business time zone). {@code voucherCode} names a voucher (代金券) of {@code customerId}, the opportunity's customer,
 * to deduct; both null without one.
 */
public record QuoteRequest(long opportunityId, String campusCode, ProductLine productLine, Grade grade,
        Subject subject, TeacherLevel teacherLevel, Integer lessons, String packageCode, String promotionCode,
        List<String> classOfferingCodes, BigDecimal extraDiscount, String discountReason, String createdBy,
        LocalDate pricingDate, Long customerId, String voucherCode) {

    /** A plan without a voucher. */
    public QuoteRequest(long opportunityId, String campusCode, ProductLine productLine, Grade grade, Subject subject,
            TeacherLevel teacherLevel, Integer lessons, String packageCode, String promotionCode,
            List<String> classOfferingCodes, BigDecimal extraDiscount, String discountReason, String createdBy,
            LocalDate pricingDate) {
        this(opportunityId, campusCode, productLine, grade, subject, teacherLevel, lessons, packageCode, promotionCode,
                classOfferingCodes, extraDiscount, discountReason, createdBy, pricingDate, null, null);
    }
}
