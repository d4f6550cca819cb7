package com.enrollflow.refund;

import java.time.OffsetDateTime;

/**
 * The regulator's limit on paying an approved refund (退费期限): within 15 days of approval, within 5 days when no
 * lesson was taught. The campus director is reminded 3 days before (2 days before the 5-day limit).
 */
public record PayoutDeadline(OffsetDateTime due, OffsetDateTime escalateAt, int days) {

    /**
     * The limit of refund {@code r}: from its approval, or from {@code now} for one whose approval time was not kept
     * (the 办理退款 tasks' due time, and what the last approver is told).
     */
    public static PayoutDeadline of(Refund r, OffsetDateTime now) {
        return after(r.concludedAt() == null ? now : r.concludedAt(), r.consumedLessons());
    }

    public static PayoutDeadline after(OffsetDateTime approvedAt, int consumedLessons) {
        int days = consumedLessons == 0 ? 5 : 15;
        int warn = consumedLessons == 0 ? 2 : 3;
        return new PayoutDeadline(approvedAt.plusDays(days), approvedAt.plusDays(days - warn), days);
    }
}
