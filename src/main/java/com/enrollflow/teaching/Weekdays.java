package com.enrollflow.teaching;

import java.time.DayOfWeek;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.enrollflow.common.InputRules;
import com.enrollflow.scheduling.PreferredTimes;

/**
 * The days of the week a class meets (上课星期): as a form's checklist sends them (SATURDAY), as staff write them (周六,
 * 星期六, 周天: the words of {@link PreferredTimes}), and as the class stores them (SATURDAY,SUNDAY, Monday first).
 */
public final class Weekdays {

    private Weekdays() {
    }

    /**
     * The days given (codes or words), or null when none is given; an unknown day is a problem of {@code field},
     * naming it.
     */
    public static Set<DayOfWeek> parse(InputRules rules, String field, Collection<String> given) {
        if (given == null || given.stream().allMatch(g -> g == null || g.isBlank())) {
            return null;
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String g : given) {
            if (g == null || g.isBlank()) {
                continue;
            }
            String word = g.strip();
            DayOfWeek day = PreferredTimes.day(word.toUpperCase(Locale.ROOT));
            if (day == null) {
                rules.problem(field, "未知的星期“" + InputRules.abbreviate(word) + "”，可选：周一、周二、周三、周四、周五、周六、周日");
                continue;
            }
            days.add(day);
        }
        return days;
    }

    /** As stored: SATURDAY,SUNDAY; null for none. */
    public static String stored(Set<DayOfWeek> days) {
        return days == null || days.isEmpty() ? null
                : String.join(",", days.stream().sorted().map(DayOfWeek::name).toList());
    }

    /** The days stored, Monday first; empty for none. */
    public static List<DayOfWeek> of(String stored) {
        return stored == null || stored.isBlank() ? List.of()
                : java.util.Arrays.stream(stored.split(",")).map(DayOfWeek::valueOf).sorted().toList();
    }

    /** 周六、周日, or null for none. */
    public static String shown(String stored) {
        List<DayOfWeek> days = of(stored);
        return days.isEmpty() ? null : String.join("、", days.stream().map(PreferredTimes::shown).toList());
    }
}
