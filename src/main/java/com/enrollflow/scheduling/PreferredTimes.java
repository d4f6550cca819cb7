package com.enrollflow.scheduling;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.scheduling.PreferredTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The family's preferred weekly lesson times. Staff choose them in the forms from a list of weekly half-hour slots
 * (周六 09:00 …, submitted as a list of "SATURDAY 09:00"); API callers may still write them as text,
 * "周六 09:00，周三 18:30" (or "SAT 09:00"), and the stored form is "SATURDAY 09:00, WEDNESDAY 18:30". Lessons start on
 * the hour or half hour.
 */
public final class PreferredTimes {

    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("周一", DayOfWeek.MONDAY), Map.entry("周二", DayOfWeek.TUESDAY),
            Map.entry("周三", DayOfWeek.WEDNESDAY), Map.entry("周四", DayOfWeek.THURSDAY),
            Map.entry("周五", DayOfWeek.FRIDAY), Map.entry("周六", DayOfWeek.SATURDAY),
            Map.entry("周日", DayOfWeek.SUNDAY), Map.entry("周天", DayOfWeek.SUNDAY),
            Map.entry("星期一", DayOfWeek.MONDAY), Map.entry("星期二", DayOfWeek.TUESDAY),
            Map.entry("星期三", DayOfWeek.WEDNESDAY), Map.entry("星期四", DayOfWeek.THURSDAY),
            Map.entry("星期五", DayOfWeek.FRIDAY), Map.entry("星期六", DayOfWeek.SATURDAY),
            Map.entry("星期日", DayOfWeek.SUNDAY), Map.entry("星期天", DayOfWeek.SUNDAY), Map.entry("MON", DayOfWeek.MONDAY),
            Map.entry("TUE", DayOfWeek.TUESDAY), Map.entry("WED", DayOfWeek.WEDNESDAY),
            Map.entry("THU", DayOfWeek.THURSDAY), Map.entry("FRI", DayOfWeek.FRIDAY),
            Map.entry("SAT", DayOfWeek.SATURDAY), Map.entry("SUN", DayOfWeek.SUNDAY));
    /** The variable and form field that carries them (SalesVariables.PREFERRED_TIMES). */
    public static final String FIELD = "preferredTimes";
    /** The slots the forms offer: lessons of 60 minutes starting 08:00 … 21:00, every day. */
    public static final LocalTime FIRST_SLOT = LocalTime.of(8, 0);
    public static final LocalTime LAST_SLOT = LocalTime.of(21, 0);
    /** More than enough for two or three lessons a week, and what sale_terms.preferred_times (200) holds. */
    public static final int MAX_TIMES = 10;
    private static final String[] SHOWN_DAYS = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private PreferredTimes() {
    }

    /**
     * The times of a form's list (a collection, or its JSON text as Tasklist submits it: ["SATURDAY 09:00", …]) or
     * of a text.
     */
    public static List<PreferredTime> parse(Object value) {
        if (value instanceof Collection<?> chosen) {
            return parseEach(chosen.stream().map(String::valueOf).toList());
        }
        String text = value == null ? null : value.toString().strip();
        if (text != null && text.startsWith("[")) {
            try {
                return parseEach(List.of(JSON.readValue(text, String[].class)));
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(FIELD, "无法识别所选时间，请重新选择");
            }
        }
        return parse(text);
    }

    public static List<PreferredTime> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(FIELD, "必填，请至少选择一个每周上课时间");
        }
        return parseEach(List.of(text.strip().split("\\s*[,，;；、]\\s*")));
    }

    private static List<PreferredTime> parseEach(List<String> parts) {
        if (parts.stream().allMatch(String::isBlank)) {
            throw new InvalidInputException(FIELD, "必填，请至少选择一个每周上课时间");
        }
        List<PreferredTime> times = new ArrayList<>();
        for (String part : parts) {
            String[] dayAndTime = part.strip().split("\\s+");
            DayOfWeek day = dayAndTime.length == 2 ? day(dayAndTime[0].toUpperCase()) : null;
            LocalTime start = null;
            try {
                start = dayAndTime.length == 2 ? LocalTime.parse(dayAndTime[1].length() == 4 ? "0" + dayAndTime[1]
                        : dayAndTime[1]) : null;
            } catch (DateTimeParseException e) {
                // reported below
            }
            if (day == null || start == null || start.getMinute() % 30 != 0 || start.getSecond() != 0) {
                throw new InvalidInputException(FIELD, "无法识别“" + part + "”：请写成“周六 09:00”，整点或半点开始");
            }
            if (start.isBefore(FIRST_SLOT) || start.isAfter(LAST_SLOT)) {
                // what the forms offer: a time outside it would replace the family's times with one nobody teaches
                throw new InvalidInputException(FIELD, "“" + shown(day) + " " + start + "”不在可选时间内：每天 " + FIRST_SLOT
                        + " 至 "
                        + LAST_SLOT + " 之间开始");
            }
            times.add(new PreferredTime(day, start));
        }
        if (times.stream().distinct().count() < times.size()) {
            throw new InvalidInputException(FIELD, "时间重复");
        }
        if (times.size() > MAX_TIMES) {
            throw new InvalidInputException(FIELD, "最多选择 " + MAX_TIMES + " 个时间（现为 " + times.size() + " 个）");
        }
        return times;
    }

    /**
     * Why no schedule can be proposed from the times on record, as academic affairs read it in 调整上课时间偏好 (原因):
     * 无法排课（每周上课时间偏好）：必填，请至少选择一个每周上课时间 — the field by its name on the form, never its key.
     */
    public static String unusable(InvalidInputException e) {
        return e.problems().stream().map(p -> "无法排课" + (FIELD.equals(p.field()) ? "（每周上课时间偏好）" : "") + "："
                + p.message()).collect(Collectors.joining("；"));
    }

    /** A day of the week as staff write it (周六, 星期六, 周天, SAT) or its code (SATURDAY); null when it is none. */
    public static DayOfWeek day(String text) {
        DayOfWeek day = DAYS.get(text);
        if (day == null) {
            try {
                day = DayOfWeek.valueOf(text);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return day;
    }

    public static String format(List<PreferredTime> times) {
        return String.join(", ", values(times));
    }

    /** The values of the forms' slot list, "SATURDAY 09:00", for a list the form shows as chosen. */
    public static List<String> values(List<PreferredTime> times) {
        return times.stream().map(t -> t.day() + " " + t.start()).toList();
    }

    /** The slot values a list shows chosen for stored or submitted times; none for times that cannot be read. */
    public static List<String> chosen(Object value) {
        if (value == null) {
            return List.of();
        }
        try {
            return values(parse(value));
        } catch (InvalidInputException e) {
            return List.of();
        }
    }

    /** 周六 09:00 */
    public static String shown(PreferredTime t) {
        return shown(t.day()) + " " + t.start();
    }

    /** 周六 */
    public static String shown(DayOfWeek day) {
        return SHOWN_DAYS[day.getValue() - 1];
    }

    /** 2026-12-05（周六） */
    public static String shown(LocalDate day) {
        return day + "（" + shown(day.getDayOfWeek()) + "）";
    }

    /** Every weekly half-hour slot a form offers, Monday to Sunday, as {label: 周六 09:00, value: SATURDAY 09:00}. */
    public static List<Map<String, String>> slotOptions() {
        return slots().stream().map(slot -> Map.of("label", shown(slot), "value", slot.day() + " " + slot.start()))
                .toList();
    }

    /** Every weekly time a form offers: lessons starting 08:00 … 21:00 on the hour or half hour, Monday to Sunday. */
    static List<PreferredTime> slots() {
        List<PreferredTime> slots = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            for (LocalTime t = FIRST_SLOT; !t.isAfter(LAST_SLOT); t = t.plusMinutes(30)) {
                slots.add(new PreferredTime(day, t));
            }
        }
        return slots;
    }
}
