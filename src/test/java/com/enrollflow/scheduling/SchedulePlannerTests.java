package com.enrollflow.scheduling;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/** The search rules without a database: occurrences, availability, load order, rooms and the reasons for no plan. */
class SchedulePlannerTests {

    /** A Monday. */
    private static final LocalDate MONDAY_DATE = LocalDate.of(2031, 3, 3);

    private static final List<Availability> EVENINGS_AND_WEEKENDS = weekly();

    /** A campus that opens every day. */
    private static final java.util.function.Predicate<LocalDate> EVERY_DAY = d -> true;

    @Test
    void shouldListWeeklyOccurrencesInTimeOrderFromTheFirstDateForTwentySixWeeks() {
        LocalDate wednesday = MONDAY_DATE.plusDays(2);
        List<OffsetDateTime> all = SchedulePlanner.occurrences(List.of(at(TUESDAY, 18, 0), at(SATURDAY, 9, 30)),
                wednesday, SchedulePlanner.HORIZON_WEEKS);
        assertThat(all).hasSize(52);
        assertThat(all.subList(0, 3)).containsExactly(time(wednesday.plusDays(3), 9, 30),
                time(wednesday.plusDays(6), 18, 0), time(wednesday.plusDays(10), 9, 30));
        assertThat(all.get(51)).isBefore(time(wednesday.plusWeeks(26), 0, 0));
        assertThat(all).isSorted();
    }

    @Test
    void shouldCountATeacherAvailableOnlyWhenTheWholeLessonFitsTheWindow() {
        assertThat(SchedulePlanner.availableAtAll(EVENINGS_AND_WEEKENDS, List.of(at(MONDAY, 20, 0)))).isTrue();
        assertThat(SchedulePlanner.availableAtAll(EVENINGS_AND_WEEKENDS, List.of(at(MONDAY, 20, 30)))).isFalse();
        assertThat(SchedulePlanner.availableAtAll(EVENINGS_AND_WEEKENDS, List.of(at(MONDAY, 15, 30)))).isFalse();
        assertThat(SchedulePlanner.availableAtAll(EVENINGS_AND_WEEKENDS,
                List.of(at(SATURDAY, 8, 0), at(MONDAY, 16, 0)))).isTrue();
        assertThat(SchedulePlanner.availableAtAll(EVENINGS_AND_WEEKENDS,
                List.of(at(SATURDAY, 17, 30), at(MONDAY, 16, 0)))).isFalse();
    }

    @Test
    void shouldPreferTheTeacherWithFewestBookedLessonsAndSkipToTheNextFreeRoomOrWeek() {
        var busy = candidate("T-1", 12);
        var idle = candidate("T-2", 3);
        Set<Instant> roomOneBusy = slots(time(MONDAY_DATE, 16, 30), time(MONDAY_DATE.plusWeeks(1), 16, 0));
        Set<Instant> roomTwoBusy = slots(time(MONDAY_DATE.plusWeeks(1), 16, 0));
        Set<Instant> student = slots(time(MONDAY_DATE.plusWeeks(2), 16, 30));
        SchedulePlanner.Plan plan = SchedulePlanner.plan(request(3, at(MONDAY, 16, 0)), "测试校区",
                List.of(busy, idle), List.of("R-1", "R-2"),
                new SchedulePlanner.Snapshot(Map.of(), Map.of("R-1", roomOneBusy, "R-2", roomTwoBusy), student),
                EVERY_DAY);

        assertThat(plan.teacher().id()).isEqualTo("T-2");
        assertThat(plan.lessons()).containsExactly(
                new SchedulePlanner.PlannedLesson(time(MONDAY_DATE, 16, 0), "R-2"),
                new SchedulePlanner.PlannedLesson(time(MONDAY_DATE.plusWeeks(3), 16, 0), "R-1"),
                new SchedulePlanner.PlannedLesson(time(MONDAY_DATE.plusWeeks(4), 16, 0), "R-1"));
    }

    /** A public holiday closes the campus: its occurrence is skipped like a taken week, the next ones follow. */
    @Test
    void shouldPlanNoLessonOnADayTheCampusIsClosed() {
        LocalDate holiday = MONDAY_DATE.plusWeeks(1);
        SchedulePlanner.Plan plan = SchedulePlanner.plan(request(3, at(MONDAY, 16, 0)), "测试校区",
                List.of(candidate("T-1", 0)), List.of("R-1"),
                new SchedulePlanner.Snapshot(Map.of(), Map.of(), Set.of()), d -> !d.equals(holiday));

        assertThat(plan.lessons()).extracting(SchedulePlanner.PlannedLesson::startsAt).containsExactly(
                time(MONDAY_DATE, 16, 0), time(MONDAY_DATE.plusWeeks(2), 16, 0),
                time(MONDAY_DATE.plusWeeks(3), 16, 0));
    }

    @Test
    void shouldGiveARenewalTheTeacherTheStudentHadThoughAnotherIsLessBooked() {
        var had = candidate("T-1", 12);
        var idle = candidate("T-2", 3);
        ScheduleRequest r = request(2, at(MONDAY, 16, 0));
        ScheduleRequest renewal = new ScheduleRequest(r.opportunityId(), r.customerId(), r.studentName(),
                r.campusCode(), r.subject(), r.grade(), r.teacherLevel(), r.lessons(), r.preferredTimes(),
                r.firstDate(), "T-1", null);
        var free = new SchedulePlanner.Snapshot(Map.of(), Map.of(), Set.of());

        assertThat(SchedulePlanner.plan(r, "测试校区", List.of(had, idle), List.of("R-1"), free, EVERY_DAY).teacher()
                .id())
                .isEqualTo("T-2");
        assertThat(SchedulePlanner.plan(renewal, "测试校区", List.of(had, idle), List.of("R-1"), free, EVERY_DAY)
                .teacher().id())
                .isEqualTo("T-1");
        Set<Instant> hadIsFull = new HashSet<>();
        SchedulePlanner.occurrences(List.of(at(MONDAY, 16, 0)), MONDAY_DATE, SchedulePlanner.HORIZON_WEEKS)
                .forEach(t -> hadIsFull.addAll(slots(t)));
        assertThat(SchedulePlanner.plan(renewal, "测试校区", List.of(had, idle), List.of("R-1"),
                new SchedulePlanner.Snapshot(Map.of("T-1", hadIsFull), Map.of(), Set.of()), EVERY_DAY).teacher()
                .id())
                .as("where possible: a teacher who has no time gives way").isEqualTo("T-2");
    }

    /** What a proposal looks up in booking_slot: the two half hours of every occurrence, nothing in between. */
    @Test
    void shouldLookUpOnlyTheSlotsOfThePreferredTimesOccurrences() {
        List<OffsetDateTime> slots = SchedulePlanner.slotsOf(request(40, at(MONDAY, 16, 0), at(SATURDAY, 9, 30)));

        assertThat(slots).as("two times a week over 28 weeks (20 weeks of lessons and 8 of slack)").hasSize(2 * 2 * 28)
                .doesNotHaveDuplicates();
        assertThat(slots.subList(0, 4)).containsExactly(time(MONDAY_DATE, 16, 0), time(MONDAY_DATE, 16, 30),
                time(MONDAY_DATE.plusDays(5), 9, 30), time(MONDAY_DATE.plusDays(5), 10, 0));
        assertThat(slots).noneMatch(s -> s.toLocalTime().equals(LocalTime.of(17, 0)));
    }

    @Test
    void shouldReachFurtherThanHalfAYearForALargePackage() {
        assertThat(SchedulePlanner.horizonWeeks(request(4, at(MONDAY, 16, 0)))).isEqualTo(26);
        assertThat(SchedulePlanner.horizonWeeks(request(120, at(MONDAY, 16, 0), at(SATURDAY, 9, 30))))
                .isEqualTo(68);
    }

    @Test
    void shouldTakeTheNextTeacherWhenTheFirstCannotGiveEveryLesson() {
        var full = candidate("T-1", 0);
        var other = candidate("T-2", 5);
        Set<Instant> fullEveryMonday = new HashSet<>();
        SchedulePlanner.occurrences(List.of(at(MONDAY, 16, 0)), MONDAY_DATE, SchedulePlanner.HORIZON_WEEKS).stream().skip(1)
                .forEach(t -> fullEveryMonday.addAll(slots(t)));
        SchedulePlanner.Plan plan = SchedulePlanner.plan(request(2, at(MONDAY, 16, 0)), "测试校区",
                List.of(full, other), List.of("R-1"),
                new SchedulePlanner.Snapshot(Map.of("T-1", fullEveryMonday), Map.of(), Set.of()), EVERY_DAY);
        assertThat(plan.teacher().id()).isEqualTo("T-2");
        assertThat(plan.lessons()).hasSize(2);
    }

    @Test
    void shouldSayWhyThereIsNoPlan() {
        var snapshot = new SchedulePlanner.Snapshot(Map.of(), Map.of(), Set.of());
        assertThatThrownBy(() -> SchedulePlanner.plan(request(2, at(MONDAY, 16, 0)), "测试校区", List.of(),
                List.of("R-1"), snapshot, EVERY_DAY)).isInstanceOf(NoFeasibleScheduleException.class)
                .hasMessage("无法排课：测试校区没有教初二数学的高级教师");
        // which of the family's times nobody teaches at, and when the teachers do
        assertThatThrownBy(() -> SchedulePlanner.plan(request(2, at(MONDAY, 10, 0), at(SATURDAY, 9, 0)), "测试校区",
                List.of(candidate("T-1", 0)), List.of("R-1"), snapshot, EVERY_DAY))
                .hasMessage("无法排课：测试校区教初二数学的高级教师（共 1 位）在偏好时间（周一 10:00、周六 09:00）不都有空（不在可上课时间内），"
                        + "请更换偏好时间。其中周一 10:00 没有一位可上课；他们每周可上课的时间：周一至周五 16:00–21:00；"
                        + "周六、周日 08:00–18:00");
        // two teachers who each teach one of the times: nobody is named, their hours are merged
        var mornings = new SchedulePlanner.Candidate(new Teacher("T-2", null, "T-2", "TST", TeacherLevel.SENIOR, true),
                List.of(new Availability(MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
                        new Availability(MONDAY, LocalTime.of(11, 0), LocalTime.of(17, 0))), 0);
        assertThatThrownBy(() -> SchedulePlanner.plan(request(2, at(MONDAY, 10, 0), at(MONDAY, 19, 0)), "测试校区",
                List.of(candidate("T-1", 0), mornings), List.of("R-1"), snapshot, EVERY_DAY))
                .hasMessageEndingWith("请更换偏好时间。他们每周可上课的时间：周一 08:00–21:00；周二至周五 16:00–21:00；"
                        + "周六、周日 08:00–18:00");
        assertThatThrownBy(() -> SchedulePlanner.plan(request(2, at(MONDAY, 16, 0)), "测试校区",
                List.of(candidate("T-1", 0)), List.of(), snapshot, EVERY_DAY))
                .hasMessageContaining("没有可用的一对一教室");
        // 53 lessons at two times a week may reach 35 weeks; the teacher's Saturdays are all taken
        Set<Instant> saturdays = new HashSet<>();
        SchedulePlanner.occurrences(List.of(at(SATURDAY, 9, 0)), MONDAY_DATE, 35).forEach(t -> saturdays.addAll(slots(t)));
        assertThatThrownBy(() -> SchedulePlanner.plan(request(53, at(MONDAY, 16, 0), at(SATURDAY, 9, 0)), "测试校区",
                List.of(candidate("T-1", 0)), List.of("R-1"),
                new SchedulePlanner.Snapshot(Map.of("T-1", saturdays), Map.of(), Set.of()), EVERY_DAY))
                .hasMessageContaining("35 周内最多只能排 35 节课，需要 53 节");
        assertThat(new NoFeasibleScheduleException("x").status()).isEqualTo(422);
    }

    @Test
    void shouldNameTheWeeklyTimesThatAddedToTheFamilysWouldTakeEveryLessonClosestFirst() {
        // 20 lessons on Saturdays at 10:00: the teacher's Saturdays at 10:00 are free for 8 weeks only, and every
        // Sunday at 10:00 is taken
        Set<Instant> taken = new HashSet<>();
        SchedulePlanner.occurrences(List.of(at(SATURDAY, 10, 0)), MONDAY_DATE, 40).stream().skip(8)
                .forEach(t -> taken.addAll(slots(t)));
        SchedulePlanner.occurrences(List.of(at(DayOfWeek.SUNDAY, 10, 0)), MONDAY_DATE, 40)
                .forEach(t -> taken.addAll(slots(t)));
        var booked = new SchedulePlanner.Snapshot(Map.of("T-1", taken), Map.of(), Set.of());
        ScheduleRequest saturdays = request(20, at(SATURDAY, 10, 0));
        assertThatThrownBy(() -> SchedulePlanner.plan(saturdays, "测试校区", List.of(candidate("T-1", 0)),
                List.of("R-1"), booked, EVERY_DAY)).hasMessageContaining("最多只能排 8 节课，需要 20 节")
                .isInstanceOfSatisfying(NoFeasibleScheduleException.class, e -> assertThat(e.tooFewFree()).isTrue());

        // the same hour on another day first (Sunday 10:00 is taken, Monday to Friday at 10:00 nobody teaches), then
        // half an hour apart (09:30 and 10:30 overlap Saturday's lesson, or Sunday's taken one), then an hour …
        assertThat(SchedulePlanner.addable(saturdays, List.of(candidate("T-1", 0)), List.of("R-1"), booked, EVERY_DAY,
                SchedulePlanner.MOST_ADDABLE).filling()).containsExactly(at(SATURDAY, 9, 0), at(SATURDAY, 11, 0),
                at(DayOfWeek.SUNDAY, 9, 0), at(DayOfWeek.SUNDAY, 11, 0), at(SATURDAY, 8, 30), at(SATURDAY, 11, 30));
        // none for 60 lessons: the 8 free Saturdays and one more time a week over the 38 weeks that two times a week
        // may reach hold 46 — the closest such time is named with that number
        assertThat(SchedulePlanner.addable(request(60, at(SATURDAY, 10, 0)), List.of(candidate("T-1", 0)),
                List.of("R-1"), booked, EVERY_DAY, SchedulePlanner.MOST_ADDABLE))
                .isEqualTo(new SchedulePlanner.Addable(List.of(), at(SATURDAY, 9, 0), 46));
    }

    private static SchedulePlanner.Candidate candidate(String id, int booked) {
        return new SchedulePlanner.Candidate(new Teacher(id, null, id, "TST", TeacherLevel.SENIOR, true),
                EVENINGS_AND_WEEKENDS, booked);
    }

    private static ScheduleRequest request(int lessons, PreferredTime... times) {
        return new ScheduleRequest(1, 2, "小明", "TST", Subject.MATH, Grade.J2, TeacherLevel.SENIOR, lessons,
                List.of(times), MONDAY_DATE);
    }

    private static List<Availability> weekly() {
        return List.of(DayOfWeek.values()).stream()
                .map(d -> d.getValue() >= 6 ? new Availability(d, LocalTime.of(8, 0), LocalTime.of(18, 0))
                        : new Availability(d, LocalTime.of(16, 0), LocalTime.of(21, 0)))
                .toList();
    }

    private static PreferredTime at(DayOfWeek day, int hour, int minute) {
        return new PreferredTime(day, LocalTime.of(hour, minute));
    }

    private static OffsetDateTime time(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    private static Set<Instant> slots(OffsetDateTime... lessonStarts) {
        Set<Instant> held = new HashSet<>();
        for (OffsetDateTime start : lessonStarts) {
            LessonRepository.slots(start).forEach(s -> held.add(s.toInstant()));
        }
        return held;
    }
}
