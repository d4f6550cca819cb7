package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * A priced plan (报价), CNY with two decimals. {@code standardDiscount} = hour package + promotion,
 * {@code extraDiscount} the discretionary discount (特批优惠); {@code discountPercent} is the extra discount as a
 * percentage of the price after the standard discounts and the voucher, {@code totalDiscountPercent} all discounts as a
 * percentage of the list price, {@code unitPrice} the final price per lesson. {@code lessons} counts all
 * lines. {@code voucherCode} and {@code voucherAmount} name the voucher (代金券) deducted after the standard discounts
 * and what it took off (null and 0.00 without one). A preview has id 0.
 */
public record Quote(long id, long opportunityId, String campusCode, ProductLine productLine, Grade grade,
        Subject subject, TeacherLevel teacherLevel, int lessons, String packageCode, String promotionCode,
        BigDecimal listPrice, BigDecimal standardDiscount, BigDecimal extraDiscount, String discountReason,
        BigDecimal finalPrice, BigDecimal discountPercent, BigDecimal totalDiscountPercent, BigDecimal unitPrice,
        QuoteStatus status, String createdBy, OffsetDateTime createdAt, List<QuoteLine> lines, String voucherCode,
        BigDecimal voucherAmount) {

    public Quote {
        lines = List.copyOf(lines);
    }
}
