package com.enrollflow.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.enrollflow.reference.BusinessTime;

/**
 * The search for one proposal, on a snapshot of what is booked (no database, no clock): one teacher of the
 * campus who teaches the subject and grade at the level and is available at every preferred time, the one
 * with the fewest booked lessons first; weekly occurrences of the preferred times from the first date on, in
 * time order, skipping a day the campus is closed (a public holiday) and an occurrence whose teacher or student slot
 * is taken or for which no room is free.
 * The database still has the last word (booking_slot), since others may book between snapshot and insert.
 */
final class SchedulePlanner {

    private static final String[] DAY_LABELS = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

    /** How far ahead a proposal may reach at least: half a year. */
    static final int HORIZON_WEEKS = 26;
    /** Weeks of slack beyond what the lessons need at the preferred times (holidays, taken slots). */
    static final int SLACK_WEEKS = 8;

    /**
     * How far ahead this request may reach: half a year, or longer for a large package (120 lessons at two times
     * a week need 60 weeks), with some slack for skipped weeks.
     */
    static int horizonWeeks(ScheduleRequest r) {
        int times = Math.max(1, r.preferredTimes().size());
        return Math.max(HORIZON_WEEKS, (r.lessons() + times - 1) / times + SLACK_WEEKS);
    }

    /** A teacher who matches the campus, subject, grade and level, with availability and current load. */
    record Candidate(Teacher teacher, List<Availability> availability, int bookedLessons) {
    }

    /**
     * What is already held, per teacher and per room, and the student's own slots: at least every slot of
     * {@link #slotsOf} (what the search can take), anything else is never looked at.
     */
    record Snapshot(Map<String, Set<Instant>> teachers, Map<String, Set<Instant>> rooms, Set<Instant> student) {
    }

    record PlannedLesson(OffsetDateTime startsAt, String roomId) {
    }

    record Plan(Teacher teacher, List<PlannedLesson> lessons) {
    }

    private SchedulePlanner() {
    }

    /**
     * The plan for the request, or NoFeasibleScheduleException saying why there is none.
     *
     * @param campusName the campus's name for messages
     * @param roomIds the campus's active rooms, in the order they are tried
     * @param open whether the campus opens on a date (its business calendar): no lesson is planned on another
     */
    static Plan plan(ScheduleRequest r, String campusName, List<Candidate> candidates, List<String> roomIds,
            Snapshot booked, Predicate<LocalDate> open) {
        String others = r.excludedTeacherId() == null ? "" : "除原教师外";
        String teachers = campusName + others + "教" + r.grade().label() + r.subject().label() + "的"
                + r.teacherLevel().label();
        if (candidates.isEmpty()) {
            throw new NoFeasibleScheduleException("无法排课：" + campusName + others + "没有教" + r.grade().label()
                    + r.subject().label() + "的" + r.teacherLevel().label());
        }
        List<Candidate> available = candidates.stream()
                .filter(c -> availableAtAll(c.availability(), r.preferredTimes()))
                // the teacher the student had (a renewal) first, then the least booked
                .sorted(Comparator.comparing((Candidate c) -> !c.teacher().id().equals(r.preferredTeacherId()))
                        .thenComparingInt(Candidate::bookedLessons).thenComparing(c -> c.teacher().id()))
                .toList();
        if (available.isEmpty()) {
            List<PreferredTime> nobody = r.preferredTimes().stream().filter(t -> candidates.stream()
                    .noneMatch(c -> availableAtAll(c.availability(), List.of(t)))).toList();
            throw new NoFeasibleScheduleException("无法排课：" + teachers + "（共 " + candidates.size() + " 位）在偏好时间"
                    + describe(r.preferredTimes()) + "不都有空（不在可上课时间内），请更换偏好时间。"
                    + (nobody.isEmpty() ? "" : "其中" + describe(nobody).replaceAll("^（|）$", "") + " 没有一位可上课；")
                    + "他们每周可上课的时间：" + teachingHours(candidates));
        }
        if (roomIds.isEmpty()) {
            throw new NoFeasibleScheduleException("无法排课：" + campusName + "没有可用的一对一教室");
        }
        List<OffsetDateTime> occurrences = openOccurrences(r, open);
        int most = 0;
        for (Candidate c : available) {
            List<PlannedLesson> lessons = fill(r.lessons(), c.teacher().id(), occurrences, roomIds, booked);
            if (lessons.size() == r.lessons()) {
                return new Plan(c.teacher(), lessons);
            }
            most = Math.max(most, lessons.size());
        }
        throw new NoFeasibleScheduleException("无法排满课时：" + teachers + "在偏好时间" + describe(r.preferredTimes())
                + "自 " + r.firstDate() + " 起 " + horizonWeeks(r) + " 周内最多只能排 " + most + " 节课，需要 "
                + r.lessons() + " 节；请增加每周上课时间或更换偏好时间", true);
    }

    /**
     * When the candidates teach, all of them together, day by day: "周一至周五 16:00–21:00；周六、周日 08:00–18:00" (days
     * with the same hours joined, windows that overlap or touch merged).
     */
    static String teachingHours(List<Candidate> candidates) {
        Map<DayOfWeek, String> hours = new java.util.EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<Availability> windows = candidates.stream().flatMap(c -> c.availability().stream())
                    .filter(a -> a.day() == day && a.start().isBefore(a.end()))
                    .sorted(Comparator.comparing(Availability::start)).toList();
            List<LocalTime[]> merged = new ArrayList<>();
            for (Availability a : windows) {
                LocalTime[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && !a.start().isAfter(last[1])) {
                    last[1] = a.end().isAfter(last[1]) ? a.end() : last[1];
                } else {
                    merged.add(new LocalTime[] {a.start(), a.end()});
                }
            }
            if (!merged.isEmpty()) {
                hours.put(day, merged.stream().map(w -> w[0] + "–" + w[1]).collect(Collectors.joining("、")));
            }
        }
        List<String> parts = new ArrayList<>();
        List<DayOfWeek> run = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (!run.isEmpty() && !(hours.containsKey(day) && hours.get(day).equals(hours.get(run.get(0)))
                    && run.get(run.size() - 1).plus(1) == day)) {
                parts.add(days(run) + " " + hours.get(run.get(0)));
                run.clear();
            }
            if (hours.containsKey(day)) {
                run.add(day);
            }
        }
        if (!run.isEmpty()) {
            parts.add(days(run) + " " + hours.get(run.get(0)));
        }
        return parts.isEmpty() ? "无" : String.join("；", parts);
    }

    /** 周六 · 周六、周日 · 周一至周五 */
    private static String days(List<DayOfWeek> run) {
        String first = dayLabel(run.get(0));
        String last = dayLabel(run.get(run.size() - 1));
        return run.size() == 1 ? first : first + (run.size() == 2 ? "、" : "至") + last;
    }

    /** How many weekly times {@link #addable} names at most. */
    static final int MOST_ADDABLE = 6;

    /**
     * What adding one weekly time to the family's would do: the times of the forms' list each of which lets one teacher
     * take every lesson (at most {@code most}, closest to the family's own first); when none does, the one that takes
     * the most, and how many ({@code best} null when no time adds any).
     */
    record Addable(List<PreferredTime> filling, PreferredTime best, int bestLessons) {
    }

    /**
     * The weekly times of the forms' list (PreferredTimes.slotOptions) each of which, added to the request's own,
     * lets one teacher take every lesson: what academic affairs can offer the family when its times hold too few free
     * lessons. Closest to the family's own times first (the same hour on another day, then an hour apart …), at
     * most {@code most}; none that overlaps one of its lessons. {@code booked} must hold every slot from the first
     * date to the request's horizon.
     */
    static Addable addable(ScheduleRequest r, List<Candidate> candidates, List<String> roomIds,
            Snapshot booked, Predicate<LocalDate> open, int most) {
        List<PreferredTime> own = r.preferredTimes();
        List<PreferredTime> found = new ArrayList<>();
        PreferredTime best = null;
        int bestLessons = 0;
        for (PreferredTime extra : PreferredTimes.slots().stream()
                .filter(t -> own.stream().noneMatch(p -> overlap(p, t)))
                .sorted(Comparator.comparingLong((PreferredTime t) -> minutesFrom(own, t))
                        .thenComparingInt(t -> daysFrom(own, t)).thenComparing(PreferredTime::day)
                        .thenComparing(PreferredTime::start))
                .toList()) {
            if (found.size() == most) {
                break;
            }
            List<PreferredTime> times = new ArrayList<>(own);
            times.add(extra);
            List<OffsetDateTime> occurrences = openOccurrences(r.withPreferredTimes(times), open);
            int lessons = candidates.stream().filter(c -> availableAtAll(c.availability(), times))
                    .mapToInt(c -> fill(r.lessons(), c.teacher().id(), occurrences, roomIds, booked).size()).max()
                    .orElse(0);
            if (lessons == r.lessons()) {
                found.add(extra);
            } else if (lessons > bestLessons) {
                best = extra;
                bestLessons = lessons;
            }
        }
        return found.isEmpty() ? new Addable(List.of(), best, bestLessons) : new Addable(found, null, 0);
    }

    /** The request's weekly occurrences up to its horizon on the days the campus opens: where its lessons may go. */
    private static List<OffsetDateTime> openOccurrences(ScheduleRequest r, Predicate<LocalDate> open) {
        return occurrences(r.preferredTimes(), r.firstDate(), horizonWeeks(r)).stream()
                .filter(start -> open.test(start.toLocalDate())).toList();
    }

    private static boolean overlap(PreferredTime a, PreferredTime b) {
        return a.day() == b.day() && Math.abs(Duration.between(a.start(), b.start()).toMinutes())
                < LessonRepository.LESSON.toMinutes();
    }

    private static long minutesFrom(List<PreferredTime> own, PreferredTime t) {
        return own.stream().mapToLong(p -> Math.abs(Duration.between(p.start(), t.start()).toMinutes()))
                .min().orElse(0);
    }

    private static int daysFrom(List<PreferredTime> own, PreferredTime t) {
        return own.stream().mapToInt(p -> {
            int d = Math.abs(p.day().getValue() - t.day().getValue());
            return Math.min(d, 7 - d);
        }).min().orElse(0);
    }

    /** Books greedily in time order, on copies of the snapshot, until {@code lessons} are planned. */
    private static List<PlannedLesson> fill(int lessons, String teacherId, List<OffsetDateTime> occurrences,
            List<String> roomIds, Snapshot booked) {
        Set<Instant> teacher = new HashSet<>(booked.teachers().getOrDefault(teacherId, Set.of()));
        Set<Instant> student = new HashSet<>(booked.student());
        Map<String, Set<Instant>> rooms = new HashMap<>();
        roomIds.forEach(id -> rooms.put(id, new HashSet<>(booked.rooms().getOrDefault(id, Set.of()))));
        List<PlannedLesson> planned = new ArrayList<>();
        for (OffsetDateTime start : occurrences) {
            if (planned.size() == lessons) {
                break;
            }
            List<Instant> slots = LessonRepository.slots(start).stream().map(OffsetDateTime::toInstant).toList();
            if (anyTaken(teacher, slots) || anyTaken(student, slots)) {
                continue;
            }
            String room = roomIds.stream().filter(id -> !anyTaken(rooms.get(id), slots)).findFirst().orElse(null);
            if (room == null) {
                continue;
            }
            teacher.addAll(slots);
            student.addAll(slots);
            rooms.get(room).addAll(slots);
            planned.add(new PlannedLesson(start, room));
        }
        return planned;
    }

    private static boolean anyTaken(Set<Instant> held, List<Instant> slots) {
        return slots.stream().anyMatch(held::contains);
    }

    /** Whether every preferred lesson (60 minutes) lies inside one of the teacher's weekly windows. */
    static boolean availableAtAll(List<Availability> availability, List<PreferredTime> times) {
        return times.stream().allMatch(t -> availability.stream()
                .anyMatch(a -> a.covers(t.day(), t.start(), t.start().plus(LessonRepository.LESSON))));
    }

    /** The slots the search for this request may take: those of every occurrence of its preferred times. */
    static List<OffsetDateTime> slotsOf(ScheduleRequest r) {
        return occurrences(r.preferredTimes(), r.firstDate(), horizonWeeks(r)).stream()
                .flatMap(start -> LessonRepository.slots(start).stream()).toList();
    }

    /** Weekly occurrences of the preferred times from the first date, before the horizon, in time order. */
    static List<OffsetDateTime> occurrences(List<PreferredTime> times, LocalDate firstDate, int weeks) {
        LocalDate end = firstDate.plusWeeks(weeks);
        List<OffsetDateTime> all = new ArrayList<>();
        for (PreferredTime t : times) {
            for (LocalDate d = firstDate.with(TemporalAdjusters.nextOrSame(t.day())); d.isBefore(end);
                    d = d.plusWeeks(1)) {
                all.add(ZonedDateTime.of(d, t.start(), BusinessTime.ZONE).toOffsetDateTime());
            }
        }
        all.sort(Comparator.naturalOrder());
        return all;
    }

    /** "（周二 18:00、周六 09:30）" */
    static String describe(List<PreferredTime> times) {
        return times.stream().map(t -> dayLabel(t.day()) + " " + t.start())
                .collect(Collectors.joining("、", "（", "）"));
    }

    static String dayLabel(DayOfWeek day) {
        return DAY_LABELS[day.getValue() - 1];
    }

    static boolean onTheHalfHour(LocalTime t) {
        return t.getSecond() == 0 && t.getNano() == 0 && (t.getMinute() == 0 || t.getMinute() == 30);
    }
}
