package com.enrollflow.reference;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * A campus's working hours (营业时间), for service levels counted in working hours: opening hours per weekday
 * (weekends included: lessons run then), public holidays (closed) and make-up workdays (调休: a weekend day worked
 * with the hours of the weekday it stands in for). Pure: the configuration comes from {@link BusinessCalendars}.
 */
public final class BusinessCalendar {

    /** One day's opening hours; {@code null} open = closed. */
    public record Hours(LocalTime open, LocalTime close) {

        public Hours {
            if (open != null && (close == null || !close.isAfter(open))) {
                throw new IllegalArgumentException("closing time must be after opening time: " + open + "-" + close);
            }
        }

        static final Hours CLOSED = new Hours(null, null);

        boolean closed() {
            return open == null;
        }
    }

    private final Map<DayOfWeek, Hours> week;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, DayOfWeek> makeUpWorkdays;

    public BusinessCalendar(Map<DayOfWeek, Hours> week, Set<LocalDate> holidays,
            Map<LocalDate, DayOfWeek> makeUpWorkdays) {
        this.week = new EnumMap<>(week);
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkdays = Map.copyOf(makeUpWorkdays);
        if (week.values().stream().allMatch(h -> h == null || h.closed())) {
            throw new IllegalArgumentException("a campus must open on some day of the week");
        }
    }

    /** Whether the campus opens on {@code date}: not on a public holiday, nor on a weekday it never opens. */
    public boolean openOn(LocalDate date) {
        return !hoursOn(date).closed();
    }

    /** The hours of one date: closed on a holiday, a make-up workday's stand-in weekday, else its own weekday's. */
    public Hours hoursOn(LocalDate date) {
        if (holidays.contains(date)) {
            return Hours.CLOSED;
        }
        DayOfWeek day = makeUpWorkdays.getOrDefault(date, date.getDayOfWeek());
        Hours h = week.get(day);
        return h == null ? Hours.CLOSED : h;
    }

    /**
     * The moment {@code hours} of working time after {@code start}: time outside opening hours does not count, so a
     * complaint filed ten minutes before closing with a one-hour limit is due fifty minutes after the next opening.
     */
    public OffsetDateTime plusWorkingTime(OffsetDateTime start, Duration hours) {
        if (hours.isNegative()) {
            throw new IllegalArgumentException("working time is never negative");
        }
        LocalDateTime at = start.atZoneSameInstant(BusinessTime.ZONE).toLocalDateTime();
        Duration left = hours;
        for (int days = 0; days < 800; days++) {
            LocalDate date = at.toLocalDate();
            Hours h = hoursOn(date);
            if (!h.closed()) {
                LocalDateTime open = date.atTime(h.open());
                LocalDateTime close = date.atTime(h.close());
                LocalDateTime from = at.isBefore(open) ? open : at;
                if (from.isBefore(close)) {
                    Duration available = Duration.between(from, close);
                    if (available.compareTo(left) >= 0) {
                        return from.plus(left).atZone(BusinessTime.ZONE).toOffsetDateTime();
                    }
                    left = left.minus(available);
                }
            }
            at = date.plusDays(1).atStartOfDay();
        }
        throw new IllegalStateException("no working time within 800 days: check the calendar");
    }
}
