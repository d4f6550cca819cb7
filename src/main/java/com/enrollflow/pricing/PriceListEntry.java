package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.enrollflow.common.Money;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * One entry of a campus's price list (价目表). By kind:
 * RATE: grade/subject (null = any), teacherLevel, price per lesson, validFrom/validTo;
 * PACKAGE: code, name, productLine, lessons = minimum lessons, percentOff;
 * PROMOTION: code, name, productLine (null = all), percentOff or amountOff, validFrom/validTo;
 * CLASS: code, name, grade, subject, lessons, price of the whole class, startsOn, schedule (上课时间, as written when
 * the class was opened; null for a class opened before it was asked).
 */
public record PriceListEntry(Kind kind, String code, String name, ProductLine productLine, Grade grade,
        Subject subject, TeacherLevel teacherLevel, Integer lessons, BigDecimal price, BigDecimal percentOff,
        BigDecimal amountOff, LocalDate validFrom, LocalDate validTo, LocalDate startsOn, String schedule) {

    /** A percentage as staff read it: 5%, 12.5% (no trailing zeros). */
    public static String percentShown(BigDecimal percent) {
        return percent.stripTrailingZeros().toPlainString() + "%";
    }

    /** A promotion's discount as staff read it: 减 5%, or 立减 ¥200.00 when it is an amount. */
    public static String discountShown(BigDecimal percentOff, BigDecimal amountOff) {
        return percentOff != null ? "减 " + percentShown(percentOff) : "立减 " + Money.yuan(amountOff);
    }

    public enum Kind {
        RATE("课时单价"),
        PACKAGE("课时包"),
        PROMOTION("优惠活动"),
        CLASS("班课");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
