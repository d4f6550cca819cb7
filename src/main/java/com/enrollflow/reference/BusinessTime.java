package com.enrollflow.reference;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The institution's campuses all keep Beijing time; lesson times, due dates and contract years are read in it. */
public final class BusinessTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private BusinessTime() {
    }

    /** The calendar day a moment falls on in Beijing (a contract's issue day, a report's day). */
    public static LocalDate dateOf(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).toLocalDate();
    }

    /** A moment as staff read it in Tasklist, mails and on the timeline: 2026-12-03 10:00, Beijing time. */
    public static String shown(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).format(SHOWN);
    }

    /** A decision table's duration split as the engine's timers read it: calendar days, then clock time. */
    private record Parts(Period days, Duration time) {

        static Parts of(String isoDuration) {
            String d = isoDuration.strip().toUpperCase(java.util.Locale.ROOT);
            int t = d.indexOf('T');
            if (t < 0) {
                return new Parts(Period.parse(d), Duration.ZERO);
            }
            return new Parts(t == 1 ? Period.ZERO : Period.parse(d.substring(0, t)),
                    Duration.parse("P" + d.substring(t)));
        }
    }

    /**
     * The moment an ISO 8601 duration of a decision table (P7D, PT24H, P1DT12H) after {@code moment}, as the engine's
     * timers count it: the date part in calendar days of Beijing, the time part in hours, minutes and seconds.
     *
     * @throws java.time.format.DateTimeParseException when the text is no such duration
     */
    public static ZonedDateTime plus(ZonedDateTime moment, String isoDuration) {
        Parts parts = Parts.of(isoDuration);
        return moment.withZoneSameInstant(ZONE).plus(parts.days()).plus(parts.time());
    }

    /**
     * The shortest such a duration can be (a month as 28 days, a year as 365): whatever the start, {@link #plus} is
     * never earlier than the start plus this.
     */
    public static Duration shortest(String isoDuration) {
        Parts parts = Parts.of(isoDuration);
        Period days = parts.days();
        return Duration.ofDays(days.getYears() * 365L + days.getMonths() * 28L + days.getDays()).plus(parts.time());
    }

    /**
     * The longest such a duration can be (a month as 31 days, a year as 366): whatever the start, {@link #plus} is never
     * later than the start plus this. Equal to {@link #shortest} when the duration has neither months nor years
     * (Beijing keeps no daylight saving time: its days are 24 hours).
     */
    public static Duration longest(String isoDuration) {
        Parts parts = Parts.of(isoDuration);
        Period days = parts.days();
        return Duration.ofDays(days.getYears() * 366L + days.getMonths() * 31L + days.getDays()).plus(parts.time());
    }

    /** A decision table's duration as staff read it: P7D → 7 天, PT24H → 24 小时, P1DT12H → 1 天 12 小时. */
    public static String durationShown(String isoDuration) {
        Parts parts = Parts.of(isoDuration);
        Period days = parts.days();
        StringBuilder shown = new StringBuilder();
        if (days.getYears() > 0) {
            shown.append(days.getYears()).append(" 年 ");
        }
        if (days.getMonths() > 0) {
            shown.append(days.getMonths()).append(" 个月 ");
        }
        if (days.getDays() > 0) {
            shown.append(days.getDays()).append(" 天 ");
        }
        if (parts.time().toHours() > 0) {
            shown.append(parts.time().toHours()).append(" 小时 ");
        }
        if (parts.time().toMinutesPart() > 0) {
            shown.append(parts.time().toMinutesPart()).append(" 分钟 ");
        }
        return shown.length() == 0 ? "0 分钟" : shown.toString().strip();
    }
}
