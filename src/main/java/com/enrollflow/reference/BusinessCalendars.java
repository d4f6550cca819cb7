package com.enrollflow.reference;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each campus's working hours from configuration ({@code enrollflow.calendar}): default opening hours per weekday,
 * per-campus overrides, and the official public holidays and make-up workdays (调休) of the year, which operations
 * update from the State Council's announcement each December.
 */
@ConfigurationProperties("enrollflow.calendar")
public class BusinessCalendars {

    /** Weekday (MONDAY…SUNDAY) → "09:00-21:00" or "closed". */
    private Map<DayOfWeek, String> hours = new EnumMap<>(DayOfWeek.class);
    /** Campus code → its own weekday hours, replacing the defaults for the days it names. */
    private Map<String, Map<DayOfWeek, String>> campuses = new HashMap<>();
    private List<LocalDate> holidays = List.of();
    /** Date → the weekday whose hours it keeps (调休: a Saturday worked as a Monday). */
    private Map<LocalDate, DayOfWeek> makeUpWorkdays = new HashMap<>();

    public BusinessCalendar of(String campusCode) {
        Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
        hours.forEach((day, text) -> week.put(day, parse(day, text)));
        campuses.getOrDefault(campusCode, Map.of()).forEach((day, text) -> week.put(day, parse(day, text)));
        Set<LocalDate> closed = new HashSet<>(holidays);
        return new BusinessCalendar(week, closed, makeUpWorkdays);
    }

    private static BusinessCalendar.Hours parse(DayOfWeek day, String text) {
        if (text == null || text.isBlank() || "closed".equalsIgnoreCase(text.strip())) {
            return BusinessCalendar.Hours.CLOSED;
        }
        String[] parts = text.strip().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("enrollflow.calendar hours of " + day + ": expected 09:00-21:00, got "
                    + text);
        }
        return new BusinessCalendar.Hours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
    }

    public Map<DayOfWeek, String> getHours() {
        return hours;
    }

    public void setHours(Map<DayOfWeek, String> hours) {
        this.hours = hours;
    }

    public Map<String, Map<DayOfWeek, String>> getCampuses() {
        return campuses;
    }

    public void setCampuses(Map<String, Map<DayOfWeek, String>> campuses) {
        this.campuses = campuses;
    }

    public List<LocalDate> getHolidays() {
        return holidays;
    }

    public void setHolidays(List<LocalDate> holidays) {
        this.holidays = holidays;
    }

    public Map<LocalDate, DayOfWeek> getMakeUpWorkdays() {
        return makeUpWorkdays;
    }

    public void setMakeUpWorkdays(Map<LocalDate, DayOfWeek> makeUpWorkdays) {
        this.makeUpWorkdays = makeUpWorkdays;
    }
}
