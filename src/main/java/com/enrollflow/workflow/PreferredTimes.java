package com.enrollflow.workflow;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.scheduling.PreferredTime;

/**
 * The family's preferred weekly lesson times as staff type them in a form: "周六 09:00，周三 18:30" (or "SAT 09:00").
 * Lessons start on the hour or half hour.
 */
final class PreferredTimes {

    private static final Map<String, DayOfWeek> DAYS = Map.ofEntries(
            Map.entry("周一", DayOfWeek.MONDAY), Map.entry("周二", DayOfWeek.TUESDAY),
            Map.entry("周三", DayOfWeek.WEDNESDAY), Map.entry("周四", DayOfWeek.THURSDAY),
            Map.entry("周五", DayOfWeek.FRIDAY), Map.entry("周六", DayOfWeek.SATURDAY),
            Map.entry("周日", DayOfWeek.SUNDAY), Map.entry("周天", DayOfWeek.SUNDAY),
            Map.entry("星期一", DayOfWeek.MONDAY), Map.entry("星期二", DayOfWeek.TUESDAY),
            Map.entry("星期三", DayOfWeek.WEDNESDAY), Map.entry("星期四", DayOfWeek.THURSDAY),
            Map.entry("星期五", DayOfWeek.FRIDAY), Map.entry("星期六", DayOfWeek.SATURDAY),
            Map.entry("星期日", DayOfWeek.SUNDAY), Map.entry("MON", DayOfWeek.MONDAY),
            Map.entry("TUE", DayOfWeek.TUESDAY), Map.entry("WED", DayOfWeek.WEDNESDAY),
            Map.entry("THU", DayOfWeek.THURSDAY), Map.entry("FRI", DayOfWeek.FRIDAY),
            Map.entry("SAT", DayOfWeek.SATURDAY), Map.entry("SUN", DayOfWeek.SUNDAY));
    static final String FIELD = SalesVariables.PREFERRED_TIMES;

    private PreferredTimes() {
    }

    static List<PreferredTime> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(FIELD, "必填，例如：周六 09:00，周三 18:30");
        }
        List<PreferredTime> times = new ArrayList<>();
        for (String part : text.strip().split("\\s*[,，;；、]\\s*")) {
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
            times.add(new PreferredTime(day, start));
        }
        if (times.stream().distinct().count() < times.size()) {
            throw new InvalidInputException(FIELD, "时间重复");
        }
        return times;
    }

    private static DayOfWeek day(String text) {
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

    static String format(List<PreferredTime> times) {
        return times.stream().map(t -> t.day() + " " + t.start()).collect(Collectors.joining(", "));
    }
}
