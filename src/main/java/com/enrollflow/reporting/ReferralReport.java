package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * 转介绍统计: per referrer, the families they referred (介绍数), how many of them paid (已缴费), the conversion
 * (转化率 = paid ÷ referred; null, "no data", when nothing was referred), the rewards granted, and of the vouchers given
 * the value a contract that stands has spent (已使用代金券).
 */
public record ReferralReport(OffsetDateTime asOf, LocalDate from, LocalDate to, String campus, List<Row> rows,
        Figures total) {

    public record Row(long referrerCustomerId, String referrerName, Figures figures) {
    }

    public record Figures(int referred, int paid, BigDecimal conversion, int rewardsGranted, int giftedLessons,
            BigDecimal voucherAmount, BigDecimal voucherRedeemed) {

        static Figures of(int referred, int paid, int rewardsGranted, int giftedLessons, BigDecimal voucherAmount,
                BigDecimal voucherRedeemed) {
            return new Figures(referred, paid, referred == 0 ? null
                    : BigDecimal.valueOf(paid).divide(BigDecimal.valueOf(referred), 4, java.math.RoundingMode.HALF_UP),
                    rewardsGranted, giftedLessons, voucherAmount.setScale(2, java.math.RoundingMode.HALF_UP),
                    voucherRedeemed.setScale(2, java.math.RoundingMode.HALF_UP));
        }

        Figures plus(Figures o) {
            return of(referred + o.referred, paid + o.paid, rewardsGranted + o.rewardsGranted,
                    giftedLessons + o.giftedLessons, voucherAmount.add(o.voucherAmount),
                    voucherRedeemed.add(o.voucherRedeemed));
        }
    }
}
