package com.enrollflow.scheduling;

import static com.enrollflow.scheduling.SchedulingFixtures.at;
import static com.enrollflow.scheduling.SchedulingFixtures.nextMonday;
import static com.enrollflow.scheduling.SchedulingFixtures.request;
import static com.enrollflow.scheduling.SchedulingFixtures.time;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.BusinessCalendars;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.scheduling.SchedulingFixtures.Booked;
import com.enrollflow.scheduling.SchedulingFixtures.Student;
import com.enrollflow.testsupport.EnrollFlowTest;

import io.micrometer.core.instrument.MeterRegistry;

/** 1:1 scheduling against the database: proposals, moves, confirm, cancel, and bookings racing each other. */
@EnrollFlowTest
class SchedulingTests {

    @Autowired
    SchedulingService scheduling;
    @Autowired
    SchedulingFixtures fx;
    @Autowired
    TeacherRepository teachers;
    @Autowired
    LessonRepository lessons;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MeterRegistry meters;
    @Autowired
    BusinessCalendars calendars;

    @Test
    void shouldProposeExactlyTheLessonsBoughtAtThePreferredWeeklyTimesInsideTheTeachersAvailability() {
        String campus = fx.campus();
        String busier = fx.mathTeacher(campus, "甲老师");
        String idle = fx.mathTeacher(campus, "乙老师");
        fx.teacher(campus, "丙老师", TeacherLevel.STANDARD, Subject.MATH, Grade.J1, Grade.S3);
        fx.teacher(campus, "丁老师", TeacherLevel.SENIOR, Subject.MATH, Grade.P1, Grade.P6);
        fx.room(campus, "一号教室");
        fx.room(campus, "二号教室");
        LocalDate wednesday = nextMonday().plusDays(2);
        Proposal earlier = scheduling.propose(request(fx.student(campus, "先报名"), campus, 2, wednesday,
                at(SUNDAY, 10, 0)));
        assertThat(earlier.lessons()).extracting(ScheduledLesson::teacherId).containsOnly(busier);

        Student student = fx.student(campus, "小明");
        Proposal p = scheduling.propose(request(student, campus, 10, wednesday, at(TUESDAY, 18, 0),
                at(SATURDAY, 9, 30)));

        assertThat(p.status()).isEqualTo("PROPOSED");
        assertThat(p.lessonCount()).isEqualTo(10);
        assertThat(p.opportunityId()).isEqualTo(student.opportunityId());
        assertThat(p.lessons()).hasSize(10).extracting(ScheduledLesson::seq)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(p.lessons()).as("one teacher, the one with fewer booked lessons").extracting(
                ScheduledLesson::teacherId).containsOnly(idle);
        assertThat(p.lessons().get(0).teacherName()).isEqualTo("乙老师");
        List<OffsetDateTime> expected = new ArrayList<>();
        for (int week = 0; expected.size() < 10; week++) {
            expected.add(time(wednesday.plusDays(3).plusWeeks(week), 9, 30));
            expected.add(time(wednesday.plusDays(6).plusWeeks(week), 18, 0));
        }
        assertThat(p.lessons()).as("the first ten weekly occurrences from the first date")
                .extracting(l -> l.startsAt().toInstant())
                .containsExactlyElementsOf(expected.subList(0, 10).stream().map(OffsetDateTime::toInstant).toList());
        List<Availability> availability = teachers.availability(idle);
        for (ScheduledLesson l : p.lessons()) {
            ZonedDateTime start = l.startsAt().atZoneSameInstant(BusinessTime.ZONE);
            assertThat(l.startsAt().getOffset()).isEqualTo(start.getOffset());
            assertThat(l.endsAt()).isEqualTo(l.startsAt().plusMinutes(60));
            assertThat(availability).anyMatch(a -> a.covers(start.getDayOfWeek(), start.toLocalTime(),
                    start.toLocalTime().plusMinutes(60)));
            assertThat(l.status()).isEqualTo("PROPOSED");
            assertThat(fx.slotsOf(l.id())).containsOnlyKeys("TEACHER", "ROOM", "STUDENT")
                    .allSatisfy((type, slots) -> assertThat(slots).containsExactly(l.startsAt(),
                            l.startsAt().plusMinutes(30)));
        }
        fx.assertNoOverlaps(campus);

        Proposal again = scheduling.propose(request(student, campus, 3, wednesday, at(SUNDAY, 8, 0)));
        assertThat(again).as("the live proposal, whatever the second request says").isEqualTo(p);
        assertThat(scheduling.forOpportunity(student.opportunityId())).contains(p);
        assertThat(scheduling.find(p.id())).contains(p);
        assertThat(fx.slotCount("TEACHER", idle)).isEqualTo(20);
    }

    @Test
    void shouldGiveASecondStudentAnotherTeacherAndRoomOrALaterWeekButNeverAnOverlap() {
        LocalDate monday = nextMonday();
        String twoOfEach = fx.campus();
        String first = fx.mathTeacher(twoOfEach, "甲老师");
        String second = fx.mathTeacher(twoOfEach, "乙老师");
        String roomOne = fx.room(twoOfEach, "一号教室");
        String roomTwo = fx.room(twoOfEach, "二号教室");
        Proposal a = scheduling.propose(request(fx.student(twoOfEach, "学生甲"), twoOfEach, 4, monday,
                at(MONDAY, 16, 0)));
        Proposal b = scheduling.propose(request(fx.student(twoOfEach, "学生乙"), twoOfEach, 4, monday,
                at(MONDAY, 16, 0)));
        assertThat(a.lessons()).extracting(ScheduledLesson::teacherId, ScheduledLesson::roomId)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(first, roomOne));
        assertThat(b.lessons()).as("same times with the other teacher in the other room")
                .extracting(ScheduledLesson::teacherId, ScheduledLesson::roomId)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(second, roomTwo));
        assertThat(b.lessons()).extracting(ScheduledLesson::startsAt)
                .containsExactlyElementsOf(a.lessons().stream().map(ScheduledLesson::startsAt).toList());
        fx.assertNoOverlaps(twoOfEach);

        String oneTeacher = fx.campus();
        String only = fx.mathTeacher(oneTeacher, "独老师");
        fx.room(oneTeacher, "一号教室");
        fx.room(oneTeacher, "二号教室");
        Proposal c = scheduling.propose(request(fx.student(oneTeacher, "学生丙"), oneTeacher, 4, monday,
                at(MONDAY, 16, 0)));
        Student late = fx.student(oneTeacher, "学生丁");
        Proposal d = scheduling.propose(request(late, oneTeacher, 4, monday, at(MONDAY, 16, 30)));
        assertThat(c.lessons()).extracting(l -> l.startsAt().toInstant()).containsExactly(
                time(monday, 16, 0).toInstant(), time(monday.plusWeeks(1), 16, 0).toInstant(),
                time(monday.plusWeeks(2), 16, 0).toInstant(), time(monday.plusWeeks(3), 16, 0).toInstant());
        assertThat(d.lessons()).as("the only teacher is busy until 17:00 for four weeks: the weeks after")
                .extracting(ScheduledLesson::teacherId).containsOnly(only);
        assertThat(d.lessons()).extracting(l -> l.startsAt().toInstant()).containsExactly(
                time(monday.plusWeeks(4), 16, 30).toInstant(), time(monday.plusWeeks(5), 16, 30).toInstant(),
                time(monday.plusWeeks(6), 16, 30).toInstant(), time(monday.plusWeeks(7), 16, 30).toInstant());
        fx.assertNoOverlaps(oneTeacher);
    }

    /**
     * A public holiday (enrollflow.calendar) closes every campus: the proposal skips it as it skips a taken week, and
     * a lesson is not moved onto it. The tests' calendar has no holiday; this one sets one for its own time.
     */
    @Test
    void shouldBookNoLessonOnAPublicHolidayNorMoveOneThere() {
        LocalDate monday = nextMonday();
        LocalDate holiday = monday.plusWeeks(1);
        List<LocalDate> configured = calendars.getHolidays();
        calendars.setHolidays(List.of(holiday));
        try {
            String campus = fx.campus();
            fx.mathTeacher(campus, "甲老师");
            fx.room(campus, "一号教室");
            Proposal p = scheduling.propose(request(fx.student(campus, "节日"), campus, 3, monday, at(MONDAY, 16, 0)));

            assertThat(p.lessons()).extracting(l -> l.startsAt().toInstant()).as("the holiday's Monday skipped")
                    .containsExactly(time(monday, 16, 0).toInstant(), time(monday.plusWeeks(2), 16, 0).toInstant(),
                            time(monday.plusWeeks(3), 16, 0).toInstant());
            ScheduledLesson first = p.lessons().get(0);
            InvalidInputException closed = catchThrowableOfType(InvalidInputException.class, () -> scheduling
                    .moveLesson(first.id(), first.teacherId(), fx.room(campus, "二号教室"), time(holiday, 17, 0),
                            "wuting"));
            assertThat(closed.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.field()).isEqualTo("startsAt");
                assertThat(problem.message()).isEqualTo(holiday + "（周一）校区不营业（节假日），不能排课");
            });
            assertThat(scheduling.find(p.id())).as("nothing moved").contains(p);
        } finally {
            calendars.setHolidays(configured);
        }
    }

    @Test
    void shouldRefuseToMoveALessonOntoATakenSlotNamingTheResourceAndChangeNothing() {
        LocalDate monday = nextMonday();
        String campus = fx.campus();
        String first = fx.mathTeacher(campus, "甲老师");
        String second = fx.mathTeacher(campus, "乙老师");
        String roomOne = fx.room(campus, "一号教室");
        String roomTwo = fx.room(campus, "二号教室");
        scheduling.propose(request(fx.student(campus, "学生甲"), campus, 4, monday, at(MONDAY, 16, 0)));
        Proposal b = scheduling.propose(request(fx.student(campus, "学生乙"), campus, 4, monday, at(MONDAY, 16, 0)));
        String spareTeacher = fx.mathTeacher(campus, "丙老师");
        String spareRoom = fx.room(campus, "三号教室");
        String primaryTeacher = fx.teacher(campus, "丁老师", TeacherLevel.SENIOR, Subject.MATH, Grade.P1, Grade.P6);
        ScheduledLesson lesson = b.lessons().get(0);
        assertThat(lesson.teacherId()).isEqualTo(second);
        Map<String, List<OffsetDateTime>> slotsBefore = fx.slotsOf(lesson.id());

        ConflictException teacherTaken = catchThrowableOfType(ConflictException.class,
                () -> scheduling.moveLesson(lesson.id(), first, roomTwo, lesson.startsAt(), "wuting"));
        assertThat(teacherTaken.status()).isEqualTo(409);
        assertThat(teacherTaken.getMessage()).contains("教师“甲老师”", monday + " 16:00");

        ConflictException roomTaken = catchThrowableOfType(ConflictException.class,
                () -> scheduling.moveLesson(lesson.id(), second, roomOne, time(monday, 16, 30), "wuting"));
        assertThat(roomTaken.getMessage()).contains("教室“一号教室”", monday + " 16:30");

        ConflictException studentTaken = catchThrowableOfType(ConflictException.class, () -> scheduling.moveLesson(
                lesson.id(), spareTeacher, spareRoom, time(monday.plusWeeks(1), 15, 30), "wuting"));
        assertThat(studentTaken.getMessage()).contains("学员“学生乙”", monday.plusWeeks(1) + " 16:00");

        assertThat(scheduling.find(b.id())).as("nothing changed").contains(b);
        assertThat(fx.slotsOf(lesson.id())).isEqualTo(slotsBefore);

        InvalidInputException wrongTeacher = catchThrowableOfType(InvalidInputException.class,
                () -> scheduling.moveLesson(lesson.id(), primaryTeacher, roomTwo, time(monday, 16, 15), "wuting"));
        assertThat(wrongTeacher.problems()).extracting(FieldProblem::field).containsExactly("teacherId", "startsAt");
        assertThat(wrongTeacher.problems().get(0).message()).contains("不教初二数学");

        Proposal moved = scheduling.moveLesson(lesson.id(), spareTeacher, spareRoom, time(monday, 17, 0), "wuting");
        ScheduledLesson after = moved.lessons().get(0);
        assertThat(after.teacherId()).isEqualTo(spareTeacher);
        assertThat(after.roomName()).isEqualTo("三号教室");
        assertThat(after.startsAt().toInstant()).isEqualTo(time(monday, 17, 0).toInstant());
        assertThat(fx.slotsOf(lesson.id()).get("TEACHER")).containsExactly(time(monday, 17, 0), time(monday, 17, 30));
        assertThat(moved.lessons().subList(1, 4)).isEqualTo(b.lessons().subList(1, 4));
        fx.assertNoOverlaps(campus);

        Proposal takesFreedSlot = scheduling.moveLesson(moved.lessons().get(1).id(), second, roomTwo,
                time(monday, 16, 0), "wuting");
        assertThat(takesFreedSlot.lessons().get(1).startsAt().toInstant()).as("the old slots were freed")
                .isEqualTo(time(monday, 16, 0).toInstant());
        String changedBy = jdbc.sql("select changed_by from lesson where id = ?").param(lesson.id())
                .query(String.class).single();
        assertThat(changedBy).isEqualTo("wuting");
    }

    @Test
    void shouldConfirmAProposalAndItsLessonsOnce() {
        String campus = fx.campus();
        fx.mathTeacher(campus, "甲老师");
        fx.room(campus, "一号教室");
        Proposal p = scheduling.propose(request(fx.student(campus, "学生甲"), campus, 3, nextMonday(),
                at(MONDAY, 18, 0)));

        Proposal confirmed = scheduling.confirm(p.id(), "wuting");
        assertThat(confirmed.status()).isEqualTo("CONFIRMED");
        assertThat(confirmed.lessons()).extracting(ScheduledLesson::status).containsOnly("CONFIRMED");
        assertThat(confirmed.lessons()).extracting(ScheduledLesson::startsAt)
                .containsExactlyElementsOf(p.lessons().stream().map(ScheduledLesson::startsAt).toList());
        Map<String, Object> first = jdbc.sql("select confirmed_by, confirmed_at from schedule_proposal where id = ?")
                .param(p.id()).query().singleRow();
        assertThat(first.get("confirmed_by")).isEqualTo("wuting");

        assertThat(scheduling.confirm(p.id(), "admin")).isEqualTo(confirmed);
        assertThat(jdbc.sql("select confirmed_by, confirmed_at from schedule_proposal where id = ?").param(p.id())
                .query().singleRow()).as("confirming again changes nothing").isEqualTo(first);

        scheduling.cancel(p.id(), "家长取消");
        assertThatThrownBy(() -> scheduling.confirm(p.id(), "wuting")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("已取消");
        assertThat(scheduling.find(p.id()).orElseThrow().status()).isEqualTo("CANCELLED");
    }

    @Test
    void shouldFreeTheSlotsWhenAProposalIsCancelled() {
        LocalDate monday = nextMonday();
        String campus = fx.campus();
        String teacher = fx.mathTeacher(campus, "独老师");
        fx.room(campus, "一号教室");
        Student first = fx.student(campus, "学生甲");
        Proposal a = scheduling.propose(request(first, campus, 4, monday, at(MONDAY, 16, 0)));
        Proposal b = scheduling.propose(request(fx.student(campus, "学生乙"), campus, 4, monday, at(MONDAY, 16, 0)));
        assertThat(b.lessons().get(0).startsAt().toInstant()).isEqualTo(time(monday.plusWeeks(4), 16, 0).toInstant());

        scheduling.cancel(a.id(), "家长要求改期");
        scheduling.cancel(a.id(), "再次取消");

        Proposal cancelled = scheduling.find(a.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.lessons()).hasSize(4).extracting(ScheduledLesson::status).containsOnly("CANCELLED");
        a.lessons().forEach(l -> assertThat(fx.slotsOf(l.id())).isEmpty());
        assertThat(jdbc.sql("select cancel_reason from schedule_proposal where id = ?").param(a.id())
                .query(String.class).single()).isEqualTo("家长要求改期");
        assertThat(fx.slotCount("TEACHER", teacher)).isEqualTo(8);

        Proposal c = scheduling.propose(request(fx.student(campus, "学生丙"), campus, 4, monday, at(MONDAY, 16, 0)));
        assertThat(c.lessons()).as("the freed weeks").extracting(l -> l.startsAt().toInstant())
                .containsExactlyElementsOf(a.lessons().stream().map(l -> l.startsAt().toInstant()).toList());

        Proposal again = scheduling.propose(request(first, campus, 4, monday, at(MONDAY, 16, 0)));
        assertThat(again.id()).as("a new proposal after the cancel").isNotEqualTo(a.id());
        assertThat(again.lessons().get(0).startsAt().toInstant())
                .isEqualTo(time(monday.plusWeeks(8), 16, 0).toInstant());
        assertThat(scheduling.forOpportunity(first.opportunityId())).contains(again);
        fx.assertNoOverlaps(campus);
    }

    @Test
    void shouldSayWhyNoScheduleIsFeasibleAndStoreNothing() {
        LocalDate monday = nextMonday();
        String campus = fx.campus();
        String teacher = fx.mathTeacher(campus, "独老师");
        fx.room(campus, "一号教室");
        Student student = fx.student(campus, "学生甲");
        ScheduleRequest math = request(student, campus, 4, monday, at(MONDAY, 16, 0));

        ScheduleRequest chemistry = new ScheduleRequest(math.opportunityId(), math.customerId(), "学生甲", campus,
                Subject.CHEMISTRY, Grade.J2, TeacherLevel.SENIOR, 4, math.preferredTimes(), monday);
        assertThatThrownBy(() -> scheduling.propose(chemistry)).isInstanceOf(NoFeasibleScheduleException.class)
                .hasMessageContaining("没有教初二化学的高级教师");
        assertThatThrownBy(() -> scheduling.propose(request(student, campus, 4, monday, at(MONDAY, 8, 0))))
                .isInstanceOf(NoFeasibleScheduleException.class).hasMessageContaining("周一 08:00")
                .hasMessageContaining("不都有空");

        InvalidInputException bad = catchThrowableOfType(InvalidInputException.class,
                () -> scheduling.propose(request(student, campus, 0, LocalDate.now(BusinessTime.ZONE).minusDays(1),
                        at(MONDAY, 16, 15), at(MONDAY, 16, 30))));
        assertThat(bad.problems()).extracting(FieldProblem::field).containsExactly("lessons",
                "preferredTimes[0].start", "preferredTimes[1]", "firstDate");

        assertThat(scheduling.forOpportunity(student.opportunityId())).isEmpty();
        assertThat(fx.liveLessons(campus)).isEmpty();
        assertThat(fx.slotCount("TEACHER", teacher)).isZero();
    }

    @Test
    void shouldReachAsFarAsALargePackageNeedsButNoFurther() {
        LocalDate monday = nextMonday();
        String campus = fx.campus();
        fx.mathTeacher(campus, "独老师");
        fx.room(campus, "一号教室");
        // 30 lessons once a week reach past half a year (38 weeks)
        Proposal big = scheduling.propose(request(fx.student(campus, "学生乙"), campus, 30, monday, at(MONDAY, 16, 0)));
        assertThat(big.lessons()).hasSize(30);
        // the next student's 27 lessons may reach 35 weeks: only the 5 Mondays after the first student's remain
        assertThatThrownBy(() -> scheduling.propose(request(fx.student(campus, "学生甲"), campus, 27, monday,
                at(MONDAY, 16, 0)))).isInstanceOf(NoFeasibleScheduleException.class)
                .hasMessageContaining("35 周内最多只能排 5 节课")
                // one more weekly time shortens the reach to 26 weeks: no single time fills it, the best one is named
                .hasMessageMatching(".*。只加一个每周时间也排不满：加得最多的是周[一二三四五六日] 1[6-9]:00，可排 2[0-6] 节；"
                        + "请与家长商定再加时间或另选时间$");
    }

    @Test
    void shouldNameTheWeeklyTimesThatWouldTakeEveryLessonWhenTheFamilysHoldTooFew() {
        LocalDate monday = nextMonday();
        String campus = fx.campus();
        fx.mathTeacher(campus, "独老师");
        fx.room(campus, "一号教室");
        scheduling.propose(request(fx.student(campus, "学生乙"), campus, 20, monday, at(MONDAY, 16, 0)));
        // 10 more lessons on Mondays at 16:00: six Mondays are left within the half year; academic affairs read which
        // weekly time, added, would take them all — the same hour on the next days first, each free at that hour
        Student late = fx.student(campus, "学生甲");
        assertThatThrownBy(() -> scheduling.propose(request(late, campus, 10, monday, at(MONDAY, 16, 0))))
                .isInstanceOf(NoFeasibleScheduleException.class)
                .hasMessageEndingWith("26 周内最多只能排 6 节课，需要 10 节；请增加每周上课时间或更换偏好时间。"
                        + "加上以下任一每周时间即可排满：周二 16:00、周日 16:00、周三 16:00、周六 16:00、周四 16:00、周五 16:00");
        assertThat(scheduling.forOpportunity(late.opportunityId())).isEmpty();
        // with Tuesday added, as academic affairs would in 调整上课时间偏好, the ten lessons are proposed
        assertThat(scheduling.propose(request(late, campus, 10, monday, at(MONDAY, 16, 0), at(TUESDAY, 16, 0)))
                .lessons()).hasSize(10);
    }

    @Test
    void shouldNeverDoubleBookTheOnlyTeacherWhenEightStudentsProposeAtOnce() throws Exception {
        LocalDate monday = nextMonday();
        String campus = fx.campus();
        String teacher = fx.mathTeacher(campus, "独老师");
        fx.room(campus, "一号教室");
        fx.room(campus, "二号教室");
        fx.room(campus, "三号教室");
        List<ScheduleRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(request(fx.student(campus, "学生" + i), campus, 4, monday, at(MONDAY, 16, 0)));
        }
        double lostBefore = meters.counter("enrollflow.scheduling.lost_races").count();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Proposal>> futures = new ArrayList<>();
        try {
            for (ScheduleRequest r : requests) {
                futures.add(pool.submit((Callable<Proposal>) () -> {
                    start.await();
                    return scheduling.propose(r);
                }));
            }
            start.countDown();
            List<Proposal> valid = new ArrayList<>();
            List<String> infeasible = new ArrayList<>();
            for (Future<Proposal> f : futures) {
                try {
                    valid.add(f.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).as("a proposal is valid or infeasible, nothing else")
                            .isInstanceOf(NoFeasibleScheduleException.class);
                    infeasible.add(e.getCause().getMessage());
                }
            }
            // 26 Mondays hold six students' four lessons; the last two Mondays are not enough for a seventh
            System.out.printf("8 simultaneous proposals for one teacher-time: %d valid, %d infeasible, %.0f lost races "
                    + "searched again%n", valid.size(), infeasible.size(),
                    meters.counter("enrollflow.scheduling.lost_races").count() - lostBefore);
            assertThat(valid).hasSize(6);
            assertThat(infeasible).hasSize(2).allSatisfy(m -> assertThat(m).contains("最多只能排 2 节课"));
            for (Proposal p : valid) {
                assertThat(p.lessons()).hasSize(4).allSatisfy(l -> {
                    assertThat(l.teacherId()).isEqualTo(teacher);
                    assertThat(l.startsAt().getDayOfWeek()).isEqualTo(MONDAY);
                    assertThat(l.startsAt().toLocalTime()).isEqualTo(java.time.LocalTime.of(16, 0));
                });
            }
        } finally {
            pool.shutdownNow();
        }
        List<Booked> booked = fx.liveLessons(campus);
        assertThat(booked).hasSize(24);
        assertThat(booked).extracting(b -> b.startsAt().toInstant()).as("every Monday at most once")
                .doesNotHaveDuplicates();
        fx.assertNoOverlaps(campus);
        assertThat(fx.slotCount("TEACHER", teacher)).isEqualTo(48);
        assertThat(jdbc.sql("select count(*) from lesson l where l.teacher_id = ? and not exists "
                + "(select 1 from booking_slot s where s.lesson_id = l.id)").param(teacher).query(Integer.class)
                .single()).as("no lesson without its slots").isZero();
    }

    @Test
    void shouldRefuseAnOverlappingLessonInsertedDirectlyThroughTheRepository() {
        LocalDate monday = nextMonday();
        String campus = fx.campus();
        String teacher = fx.mathTeacher(campus, "独老师");
        String roomOne = fx.room(campus, "一号教室");
        String roomTwo = fx.room(campus, "二号教室");
        Proposal a = scheduling.propose(request(fx.student(campus, "学生甲"), campus, 1, monday, at(MONDAY, 16, 0)));
        Student other = fx.student(campus, "学生乙");
        Proposal b = scheduling.propose(request(other, campus, 1, monday, at(TUESDAY, 16, 0)));
        TransactionTemplate tx = new TransactionTemplate(transactions);

        SlotTakenException taken = catchThrowableOfType(SlotTakenException.class, () -> tx.executeWithoutResult(s -> {
            long id = lessons.insert(b.id(), 99, teacher, roomTwo, other.customerId(), time(monday, 16, 30),
                    ScheduleStatus.PROPOSED);
            lessons.occupy(id, teacher, roomTwo, other.customerId(), time(monday, 16, 30));
        }));
        assertThat(taken.type()).isEqualTo(ResourceType.TEACHER);
        assertThat(taken.slotStart().toInstant()).isEqualTo(time(monday, 16, 30).toInstant());
        assertThat(taken).hasCauseInstanceOf(DuplicateKeyException.class);

        long lessonOfB = b.lessons().get(0).id();
        assertThatThrownBy(() -> jdbc.sql("insert into booking_slot (resource_type, resource_id, slot_start, "
                + "lesson_id) values ('ROOM', ?, ?, ?)").params(roomOne, time(monday, 16, 0), lessonOfB).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(fx.liveLessons(campus)).as("the refused lesson was not stored").extracting(Booked::id)
                .containsExactlyInAnyOrder(a.lessons().get(0).id(), lessonOfB);
        fx.assertNoOverlaps(campus);
    }
}
