package com.enrollflow.customer;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

import com.enrollflow.common.InputRules;

/**
 * The student's birth date (学生生日): how staff give it, and when the birthday falls. A student is between
 * {@value #YOUNGEST} and {@value #OLDEST} years old: anything else is a typing error (the year of the enquiry, the
 * parent's birth year), refused by field rather than greeted wrongly for years.
 */
public final class BirthDates {

    static final int YOUNGEST = 2;
    static final int OLDEST = 30;
    private static final MonthDay LEAP_DAY = MonthDay.of(2, 29);

    private BirthDates() {
    }

    /** A date (2012-05-20, 2012/5/20, 2012.5.20, 2012年5月20日), not after today and of an age the rule above allows; null when not given. */
    public static LocalDate parse(InputRules rules, String field, String given, LocalDate today) {
        String text = rules.optional(field, given, 12);
        if (text == null) {
            return null;
        }
        LocalDate date = read(text);
        if (date == null) {
            rules.problem(field, "不是日期（格式 2012-05-20）：“" + InputRules.abbreviate(given) + "”");
            return null;
        }
        if (date.isAfter(today)) {
            rules.problem(field, "学生生日不能晚于今天");
            return null;
        }
        if (date.isAfter(today.minusYears(YOUNGEST)) || !date.isAfter(today.minusYears(OLDEST + 1))) {
            rules.problem(field, "学生年龄应在 " + YOUNGEST + "–" + OLDEST + " 岁之间，请核对出生年份");
            return null;
        }
        return date;
    }

    /**
     * The ways a date is written in the lists staff keep: ISO (2012-05-20), as Chinese Excel saves a date cell to CSV
     * (2012/5/20), with dots (2012.5.20), or in words (2012年5月20日); strictly (2012/2/30 is no date).
     */
    private static final List<DateTimeFormatter> WRITTEN = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("uuuu/M/d").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu.M.d").withResolverStyle(ResolverStyle.STRICT),
            DateTimeFormatter.ofPattern("uuuu年M月d日").withResolverStyle(ResolverStyle.STRICT));

    private static LocalDate read(String text) {
        for (DateTimeFormatter format : WRITTEN) {
            try {
                return LocalDate.parse(text.strip(), format);
            } catch (DateTimeParseException e) {
                // the next way of writing it
            }
        }
        return null;
    }

    /**
     * Whether {@code today} is the birthday. Born on 29 February: greeted on 28 February in a year without one, so
     * the student is greeted every year and before the day has passed (decision 476).
     */
    public static boolean isBirthday(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            return false;
        }
        MonthDay birthday = MonthDay.from(birthDate);
        if (birthday.equals(LEAP_DAY) && !today.isLeapYear()) {
            return MonthDay.from(today).equals(MonthDay.of(2, 28));
        }
        return MonthDay.from(today).equals(birthday);
    }
}
