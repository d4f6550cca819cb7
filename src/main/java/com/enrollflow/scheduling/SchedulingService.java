package com.enrollflow.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.Coded;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.BusinessCalendars;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * 1:1 scheduling (一对一排课): proposes a recurring, conflict-free schedule for a paid opportunity, and lets
 * academic affairs (教务) move single lessons, confirm or cancel it. Every lesson holds its 30-minute slots for
 * its teacher, room and student in booking_slot, whose primary key refuses a second holder: a proposal that
 * meets a slot taken since its search ran searches again in a new transaction, and a move onto a taken slot is
 * refused (409) with nothing changed.
 */
@Service
public class SchedulingService {

    private static final Logger log = LoggerFactory.getLogger(SchedulingService.class);

    static final int MAX_LESSONS = 500;
    private static final int MAX_PREFERRED_TIMES = 14;
    private static final int PROPOSE_ATTEMPTS = 6;
    private static final LocalTime LAST_START = LocalTime.of(23, 0);
    /** The earliest a lesson moved or made up by hand may start (the planner offers 08:00 to 21:00). */
    private static final LocalTime FIRST_START = LocalTime.of(7, 0);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TeacherRepository teachers;
    private final RoomRepository rooms;
    private final ProposalRepository proposals;
    private final LessonRepository lessons;
    private final CampusRepository campuses;
    private final BusinessCalendars calendars;
    private final OpportunityRepository opportunities;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final Counter lostRaces;

    SchedulingService(TeacherRepository teachers, RoomRepository rooms, ProposalRepository proposals,
            LessonRepository lessons, CampusRepository campuses, BusinessCalendars calendars,
            OpportunityRepository opportunities, PlatformTransactionManager transactions, Clock clock,
            MeterRegistry meters) {
        this.teachers = teachers;
        this.rooms = rooms;
        this.proposals = proposals;
        this.lessons = lessons;
        this.campuses = campuses;
        this.calendars = calendars;
        this.opportunities = opportunities;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.lostRaces = meters.counter("enrollflow.scheduling.lost_races");
    }

    /**
     * The opportunity's schedule: its live proposal if it has one (idempotent), else a new one with one teacher
     * for all lessons, committed in its own transaction. A concurrent booking that takes a slot between search
     * and insert makes the insert fail on booking_slot's key; the search then runs again, from the second
     * attempt on with the candidate teachers locked, so proposals for the same teachers queue up.
     *
     * @throws NoFeasibleScheduleException when no teacher can give all lessons within the horizon (SchedulePlanner.horizonWeeks)
     */
    public Proposal propose(ScheduleRequest request) {
        ScheduleRequest r = validate(request);
        for (int attempt = 1; ; attempt++) {
            boolean queue = attempt > 1;
            try {
                return newTransaction.execute(status -> proposeOnce(r, queue));
            } catch (SlotTakenException | DuplicateKeyException | TransientDataAccessException race) {
                if (attempt == PROPOSE_ATTEMPTS) {
                    throw new ConflictException(409, "排课时多次遇到同时进行的排课，请稍后重试");
                }
                lostRaces.increment();
                log.debug("proposal for opportunity {} lost a race (attempt {}): {}", r.opportunityId(), attempt,
                        race.getMessage());
                pause(attempt);
            }
        }
    }

    private Proposal proposeOnce(ScheduleRequest r, boolean queue) {
        Optional<ProposalRepository.StoredProposal> live = proposals.findLive(r.opportunityId());
        if (live.isPresent()) {
            return assemble(live.get());
        }
        SchedulePlanner.Plan plan = plan(r, queue, true, null);
        long proposalId = proposals.insert(r, now());
        int seq = 0;
        for (SchedulePlanner.PlannedLesson planned : plan.lessons()) {
            long lessonId = lessons.insert(proposalId, ++seq, plan.teacher().id(), planned.roomId(), r.customerId(),
                    planned.startsAt(), ScheduleStatus.PROPOSED);
            lessons.occupy(lessonId, plan.teacher().id(), planned.roomId(), r.customerId(), planned.startsAt());
        }
        log.info("proposed {} lessons with teacher {} for opportunity {} (proposal {})", seq, plan.teacher().id(),
                r.opportunityId(), proposalId);
        return assemble(proposals.find(proposalId).orElseThrow());
    }

    /**
     * The planner's answer on a snapshot of what is booked; {@code queue}: lock the teachers first. With
     * {@code addable}, a request whose times hold too few free lessons is refused naming the weekly times that, added
     * to them, would (SchedulePlanner.addable). The lessons of {@code givenUp} (a proposal about to be discarded, or
     * null) count as holding no slot.
     */
    private SchedulePlanner.Plan plan(ScheduleRequest r, boolean queue, boolean addable, Proposal givenUp) {
        // 更换教师: the teacher the family leaves is no candidate, however free
        List<Teacher> matching = teachers.candidates(r.campusCode(), r.subject(), r.grade(), r.teacherLevel())
                .stream().filter(t -> !t.id().equals(r.excludedTeacherId())).toList();
        List<String> teacherIds = matching.stream().map(Teacher::id).toList();
        if (queue) {
            teachers.lock(teacherIds);
        }
        Map<String, Integer> load = teachers.bookedLessons(teacherIds);
        List<SchedulePlanner.Candidate> candidates = matching.stream()
                .map(t -> new SchedulePlanner.Candidate(t, teachers.availability(t.id()), load.getOrDefault(t.id(), 0)))
                .toList();
        List<String> roomIds = rooms.activeRooms(r.campusCode()).stream().map(Room::id).toList();
        // only the slots this request could take matter: the weekly occurrences of its preferred times
        List<OffsetDateTime> wanted = SchedulePlanner.slotsOf(r);
        String student = Long.toString(r.customerId());
        SchedulePlanner.Snapshot booked = without(givenUp, new SchedulePlanner.Snapshot(
                lessons.busy(ResourceType.TEACHER, teacherIds, wanted),
                lessons.busy(ResourceType.ROOM, roomIds, wanted),
                lessons.busy(ResourceType.STUDENT, List.of(student), wanted).get(student)));
        // no lesson on a day the campus is closed (public holidays, enrollflow.calendar)
        Predicate<LocalDate> open = calendars.of(r.campusCode())::openOn;
        try {
            return SchedulePlanner.plan(r, campusName(r.campusCode()), candidates, roomIds, booked, open);
        } catch (NoFeasibleScheduleException tooFull) {
            if (!addable || !tooFull.tooFewFree()) {
                throw tooFull;
            }
            // every slot up to the horizon, not only the preferred times': the times to add are looked for there
            OffsetDateTime from = r.firstDate().atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
            OffsetDateTime to = from.plusWeeks(SchedulePlanner.horizonWeeks(r)).plusDays(1);
            SchedulePlanner.Snapshot all = without(givenUp, new SchedulePlanner.Snapshot(
                    lessons.busyBetween(ResourceType.TEACHER, teacherIds, from, to),
                    lessons.busyBetween(ResourceType.ROOM, roomIds, from, to),
                    lessons.busyBetween(ResourceType.STUDENT, List.of(student), from, to).get(student)));
            SchedulePlanner.Addable more = SchedulePlanner.addable(r, candidates, roomIds, all, open,
                    SchedulePlanner.MOST_ADDABLE);
            throw new NoFeasibleScheduleException(tooFull.getMessage() + (!more.filling().isEmpty()
                    ? "。加上以下任一每周时间即可排满：" + more.filling().stream().map(PreferredTimes::shown)
                            .collect(Collectors.joining("、"))
                    : more.best() == null ? "。只加一个每周时间也排不满，请与家长另商定时间"
                    : "。只加一个每周时间也排不满：加得最多的是" + PreferredTimes.shown(more.best()) + "，可排 "
                            + more.bestLessons() + " 节；请与家长商定再加时间或另选时间"), true);
        }
    }

    /** The snapshot without the slots the proposal's lessons hold (its teachers', rooms' and student's). */
    private static SchedulePlanner.Snapshot without(Proposal givenUp, SchedulePlanner.Snapshot booked) {
        if (givenUp == null) {
            return booked;
        }
        Map<String, Set<Instant>> teachersHeld = new HashMap<>();
        booked.teachers().forEach((id, held) -> teachersHeld.put(id, new HashSet<>(held)));
        Map<String, Set<Instant>> roomsHeld = new HashMap<>();
        booked.rooms().forEach((id, held) -> roomsHeld.put(id, new HashSet<>(held)));
        Set<Instant> student = new HashSet<>(booked.student());
        givenUp.lessons().stream().filter(l -> !ScheduleStatus.CANCELLED.name().equals(l.status())).forEach(l -> {
            List<Instant> slots = LessonRepository.slots(l.startsAt()).stream()
                    .map(OffsetDateTime::toInstant).toList();
            slots.forEach(teachersHeld.getOrDefault(l.teacherId(), new HashSet<>())::remove);
            slots.forEach(roomsHeld.getOrDefault(l.roomId(), new HashSet<>())::remove);
            slots.forEach(student::remove);
        });
        return new SchedulePlanner.Snapshot(teachersHeld, roomsHeld, student);
    }

    /**
     * 赠送课时 (decision 719): {@code count} more lessons at the end of the opportunity's confirmed schedule, as
     * confirmed lessons of it (the next numbers) holding their slots like every lesson: with the teacher of its next
     * lesson (else its last) where that teacher has the time, at the weekly times of its last four weeks, from the day
     * after its last lesson, skipping closed days and taken slots. Empty, nothing stored, when the opportunity has no
     * confirmed schedule (none, or one 确认排课 has not confirmed yet). NoFeasibleScheduleException when no teacher
     * of the course can take them within the planner's horizon.
     */
    @Transactional
    public Optional<List<ScheduledLesson>> extend(long opportunityId, int count, String by) {
        return extend(opportunityId, count, null, by);
    }

    /**
     * 安排剩余课时: as {@link #extend(long, int, String)}, the first lesson not before {@code notBefore} when given (a
     * family back after a break names the week it starts again).
     */
    @Transactional
    public Optional<List<ScheduledLesson>> extend(long opportunityId, int count, LocalDate notBefore, String by) {
        Optional<ProposalRepository.StoredProposal> live = proposals.findLive(opportunityId)
                .filter(p -> ScheduleStatus.CONFIRMED.name().equals(p.status()));
        if (live.isEmpty() || count <= 0) {
            return Optional.empty();
        }
        ProposalRepository.StoredProposal p = proposals.lock(live.get().id()).orElseThrow();
        List<ScheduledLesson> kept = kept(p);
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        ScheduledLesson last = kept.get(kept.size() - 1);
        String teacher = lessonNow(kept, now).orElseThrow().teacherId();
        LocalDate lastDay = BusinessTime.dateOf(last.startsAt());
        List<PreferredTime> times = kept.stream()
                .filter(l -> !BusinessTime.dateOf(l.startsAt()).isBefore(lastDay.minusDays(27)))
                .map(l -> l.startsAt().atZoneSameInstant(BusinessTime.ZONE))
                .map(t -> new PreferredTime(t.getDayOfWeek(), t.toLocalTime())).distinct()
                .sorted(java.util.Comparator.comparing(PreferredTime::day).thenComparing(PreferredTime::start))
                .toList();
        LocalDate tomorrow = BusinessTime.dateOf(now).plusDays(1);
        LocalDate from = lastDay.plusDays(1).isAfter(tomorrow) ? lastDay.plusDays(1) : tomorrow;
        if (notBefore != null && notBefore.isAfter(from)) {
            from = notBefore;
        }
        ScheduleRequest r = new ScheduleRequest(opportunityId, p.customerId(), p.studentName(), p.campusCode(),
                Subject.valueOf(p.subject()), Grade.valueOf(p.grade()), TeacherLevel.valueOf(p.teacherLevel()), count,
                times, from, teacher, null);
        SchedulePlanner.Plan plan = plan(r, true, false, null);
        int seq = lessons.lastSeq(p.id());
        List<Long> added = new java.util.ArrayList<>();
        for (SchedulePlanner.PlannedLesson planned : plan.lessons()) {
            long id = lessons.insert(p.id(), ++seq, plan.teacher().id(), planned.roomId(), p.customerId(),
                    planned.startsAt(), ScheduleStatus.CONFIRMED);
            lessons.occupy(id, plan.teacher().id(), planned.roomId(), p.customerId(), planned.startsAt());
            added.add(id);
        }
        log.info("{} lessons added to proposal {} of opportunity {} with teacher {}, by {}", added.size(), p.id(),
                opportunityId, plan.teacher().id(), by);
        return Optional.of(assemble(p).lessons().stream().filter(l -> added.contains(l.id())).toList());
    }

    /**
     * Moves one lesson (调课) to another teacher, room or time, by academic affairs. The teacher must teach the
     * subject and grade at the proposal's campus, the room belong to it. A slot held by another lesson is a
     * conflict (409) naming the resource (教师/教室/学员) and the time; then nothing changes.
     */
    @Transactional
    public Proposal moveLesson(long lessonId, String teacherId, String roomId, OffsetDateTime startsAt, String by) {
        return move(lessonId, teacherId, roomId, startsAt, by).after();
    }

    /** A lesson move: the lesson as it was when the move began (read under the schedule's lock), the schedule after. */
    public record LessonMove(ScheduledLesson before, Proposal after) {
    }

    /**
     * As {@link #moveLesson}, also saying where the lesson was: of two moves of one lesson at the same moment, the
     * second starts from where the first left it.
     */
    @Transactional
    public LessonMove move(long lessonId, String teacherId, String roomId, OffsetDateTime startsAt, String by) {
        long proposalId = lessons.find(lessonId)
                .orElseThrow(() -> new NotFoundException("课时 " + lessonId + " 不存在")).proposalId();
        ProposalRepository.StoredProposal p = proposals.lock(proposalId).orElseThrow();
        // read again, locked, under the proposal's lock: a move of the same lesson that ran meanwhile is seen
        LessonRepository.StoredLesson lesson = lessons.lock(lessonId).orElseThrow();
        if (ScheduleStatus.CANCELLED.name().equals(p.status())) {
            throw new ConflictException(409, "排课方案 " + p.id() + " 已取消，不能再调整课时");
        }
        // a cancelled lesson holds no slot, and a begun one is the record of what was taught (or is to be marked)
        if (ScheduleStatus.CANCELLED.name().equals(lesson.status())) {
            throw new ConflictException(409, "课时 " + lesson.seq() + " 已取消，不能调整");
        }
        if (!lesson.startsAt().isAfter(now())) {
            throw new ConflictException(409, "课时 " + lesson.seq() + " 已于 " + BusinessTime.shown(lesson.startsAt())
                    + " 开始，不能调整；没上成的课请登记出勤后安排补课");
        }
        Slot slot = checkedSlot(p, teacherId, roomId, startsAt, "不能调整到已过去的时间");
        Teacher teacher = slot.teacher();
        Room room = slot.room();
        OffsetDateTime start = slot.start();
        ScheduledLesson before = proposals.lesson(lessonId).orElseThrow();
        if (teacher.id().equals(lesson.teacherId()) && room.id().equals(lesson.roomId())
                && start.toInstant().equals(lesson.startsAt().toInstant())) {
            return new LessonMove(before, assemble(p));
        }
        lessons.free(lessonId);
        lessons.move(lessonId, teacher.id(), room.id(), start, by, now());
        try {
            lessons.occupy(lessonId, teacher.id(), room.id(), p.customerId(), start);
        } catch (SlotTakenException taken) {
            throw taken(taken, slot, p, "课时 " + lesson.seq() + " 未调整");
        }
        log.info("lesson {} of proposal {} moved by {} to teacher {}, room {}, {}", lessonId, p.id(), by,
                teacher.id(), room.id(), start);
        return new LessonMove(before, assemble(p));
    }

    /**
     * 补课: the lesson is taught again, as a new confirmed lesson of the same proposal (the next number) at the given
     * teacher, room and time, holding its slots like every lesson. Refused with the field (400) or, when a slot is
     * taken, with who is busy when (409); then nothing is stored.
     */
    @Transactional
    public ScheduledLesson addReplacement(long originalLessonId, String teacherId, String roomId,
            OffsetDateTime startsAt, String by) {
        LessonRepository.StoredLesson original = lessons.find(originalLessonId)
                .orElseThrow(() -> new NotFoundException("课时 " + originalLessonId + " 不存在"));
        ProposalRepository.StoredProposal p = proposals.lock(original.proposalId()).orElseThrow();
        if (ScheduleStatus.CANCELLED.name().equals(p.status())) {
            throw new ConflictException(409, "排课方案 " + p.id() + " 已取消，不能再安排补课");
        }
        Slot slot = checkedSlot(p, teacherId, roomId, startsAt, "补课时间不能早于现在");
        Teacher teacher = slot.teacher();
        Room room = slot.room();
        OffsetDateTime start = slot.start();
        int seq = lessons.lastSeq(p.id()) + 1;
        long id = lessons.insert(p.id(), seq, teacher.id(), room.id(), p.customerId(), start, ScheduleStatus.CONFIRMED);
        lessons.replaces(id, originalLessonId, by, now());
        try {
            lessons.occupy(id, teacher.id(), room.id(), p.customerId(), start);
        } catch (SlotTakenException taken) {
            throw taken(taken, slot, p, "补课未安排");
        }
        log.info("lesson {} of proposal {} replaces lesson {}: teacher {}, room {}, {}, by {}", id, p.id(),
                originalLessonId, teacher.id(), room.id(), start, by);
        return assemble(p).lessons().stream().filter(l -> l.id() == id).findFirst().orElseThrow();
    }

    /** Whether the lesson already has its make-up (补课) on the schedule. */
    @Transactional(readOnly = true)
    public boolean hasReplacement(long originalLessonId) {
        return lessons.replacementOf(originalLessonId).isPresent();
    }

    /**
     * A correction made the lesson count after all: its make-up, booked and not begun, is cancelled and its slots
     * freed (the schedule would otherwise hold one lesson more than the hours left). A make-up already begun is a
     * lesson taught and stays. Returns the cancelled lesson's start.
     */
    @Transactional
    public Optional<OffsetDateTime> cancelReplacement(long originalLessonId, String by) {
        return lessons.replacementOf(originalLessonId).filter(l -> l.startsAt().isAfter(now())).map(l -> {
            lessons.cancelOne(l.id(), by, now());
            log.info("make-up lesson {} of lesson {} cancelled by {}", l.id(), originalLessonId, by);
            return l.startsAt();
        });
    }

    /** A lesson's teacher, room and start as checked for a move or a 补课. */
    private record Slot(Teacher teacher, Room room, OffsetDateTime start) {
    }

    /**
     * The teacher and room of the proposal's campus who teach its subject and level, and a start on the hour or
     * half hour, ahead ({@code pastMessage} otherwise), ending the same day; every problem by its field (400).
     */
    private Slot checkedSlot(ProposalRepository.StoredProposal p, String teacherId, String roomId,
            OffsetDateTime startsAt, String pastMessage) {
        InputRules rules = new InputRules();
        Teacher teacher = teacherFor(rules, p, rules.required("teacherId", teacherId, 32));
        Room room = roomFor(rules, p, rules.required("roomId", roomId, 32));
        OffsetDateTime start = null;
        if (startsAt == null) {
            rules.problem("startsAt", "必填");
        } else {
            start = LessonRepository.business(startsAt);
            if (!SchedulePlanner.onTheHalfHour(start.toLocalTime())) {
                rules.problem("startsAt", "课时须在整点或半点开始（北京时间）");
            } else if (start.isBefore(now())) {
                rules.problem("startsAt", pastMessage);
            } else if (start.toLocalTime().isAfter(LAST_START)) {
                rules.problem("startsAt", "课时须在当天结束（最晚 23:00 开始）");
            } else if (start.toLocalTime().isBefore(FIRST_START)) {
                rules.problem("startsAt", "课时最早 07:00 开始（北京时间）");
            } else if (start.isAfter(now().plusYears(1))) {
                // a lesson years ahead only holds the teacher's and the room's slot
                rules.problem("startsAt", "课时最多排到一年以内");
            } else if (!calendars.of(p.campusCode()).openOn(BusinessTime.dateOf(start))) {
                // a public holiday (enrollflow.calendar): nobody opens the campus, as the planner knows
                rules.problem("startsAt", PreferredTimes.shown(BusinessTime.dateOf(start)) + "校区不营业（节假日），不能排课");
            } else {
                // the family asked for no lessons then: a lesson booked anyway is missed and consumed as 缺勤
                lessons.suspendedOn(p.opportunityId(), BusinessTime.dateOf(start)).ifPresent(period -> rules.problem(
                        "startsAt", "学员已登记停课（" + period + "），停课期间不能排课"));
            }
        }
        rules.throwIfAny();
        return new Slot(teacher, room, start);
    }

    /** A taken slot in words: 教师“郑凯”在 2026-12-05 10:00（周六）已有其他课时，… */
    private static ConflictException taken(SlotTakenException taken, Slot slot, ProposalRepository.StoredProposal p,
            String outcome) {
        String who = switch (taken.type()) {
            case TEACHER -> slot.teacher().name();
            case ROOM -> slot.room().name();
            case STUDENT -> p.studentName();
        };
        OffsetDateTime when = LessonRepository.business(taken.slotStart());
        return new ConflictException(409, taken.type().label() + "“" + who + "”在 " + WHEN.format(when) + "（"
                + SchedulePlanner.dayLabel(when.getDayOfWeek()) + "）已有其他课时，" + outcome);
    }

    private Teacher teacherFor(InputRules rules, ProposalRepository.StoredProposal p, String teacherId) {
        if (teacherId == null) {
            return null;
        }
        Optional<Teacher> found = teachers.find(teacherId).filter(Teacher::active);
        if (found.isEmpty()) {
            rules.problem("teacherId", "教师“" + InputRules.abbreviate(teacherId) + "”不存在或已停用");
            return null;
        }
        Teacher t = found.get();
        Subject subject = Subject.valueOf(p.subject());
        Grade grade = Grade.valueOf(p.grade());
        if (!t.campusCode().equals(p.campusCode())) {
            rules.problem("teacherId", "教师“" + t.name() + "”不属于" + campusName(p.campusCode()));
            return null;
        }
        if (!teachers.teaches(t.id(), subject, grade)) {
            rules.problem("teacherId", "教师“" + t.name() + "”不教" + grade.label() + subject.label());
            return null;
        }
        // the family paid the lessons at a teacher level's price: another level's teacher is not what was sold
        if (p.teacherLevel() != null && !t.level().name().equals(p.teacherLevel())) {
            String paid = TeacherLevel.valueOf(p.teacherLevel()).label();
            rules.problem("teacherId", "教师“" + t.name() + "”是" + t.level().label() + "，这些课时按" + paid
                    + "的课时费购买，须由" + paid + "上课");
            return null;
        }
        return t;
    }

    private Room roomFor(InputRules rules, ProposalRepository.StoredProposal p, String roomId) {
        if (roomId == null) {
            return null;
        }
        Optional<Room> found = rooms.find(roomId).filter(Room::active);
        if (found.isEmpty()) {
            rules.problem("roomId", "教室“" + InputRules.abbreviate(roomId) + "”不存在或已停用");
            return null;
        }
        if (!found.get().campusCode().equals(p.campusCode())) {
            rules.problem("roomId", "教室“" + found.get().name() + "”不属于" + campusName(p.campusCode()));
            return null;
        }
        return found.get();
    }

    /** Why the proposal was cancelled (退学（TF000012）, 转课：…), when it was; empty while it stands. */
    @Transactional(readOnly = true)
    public Optional<String> cancelledBecause(long proposalId) {
        return proposals.find(proposalId).filter(p -> ScheduleStatus.CANCELLED.name().equals(p.status()))
                .map(p -> p.cancelReason() == null || p.cancelReason().isBlank() ? "已取消" : p.cancelReason());
    }

    /** PROPOSED → CONFIRMED, with its lessons; confirming again changes nothing. A cancelled one cannot be. */
    @Transactional
    public Proposal confirm(long proposalId, String by) {
        ProposalRepository.StoredProposal p = proposals.lock(proposalId).orElseThrow(() -> notFound(proposalId));
        if (ScheduleStatus.CANCELLED.name().equals(p.status())) {
            throw new ConflictException(409, "排课方案 " + proposalId + " 已取消，不能确认");
        }
        if (proposals.confirm(proposalId, by, now())) {
            lessons.setStatus(proposalId, ScheduleStatus.PROPOSED, ScheduleStatus.CONFIRMED);
            log.info("proposal {} confirmed by {}", proposalId, by);
        }
        return assemble(proposals.find(proposalId).orElseThrow());
    }

    /** Cancels the proposal and its lessons and frees their slots; cancelling again changes nothing. */
    @Transactional
    public void cancel(long proposalId, String reason) {
        InputRules rules = new InputRules();
        String why = rules.optional("reason", reason, 500);
        rules.throwIfAny();
        proposals.lock(proposalId).orElseThrow(() -> notFound(proposalId));
        if (proposals.cancel(proposalId, why, now())) {
            lessons.freeProposal(proposalId);
            lessons.cancelAll(proposalId);
            log.info("proposal {} cancelled: {}", proposalId, why);
        }
    }

    /**
     * 退费 and 休学: the opportunity's lessons that have not begun are cancelled and their teacher, room and student
     * slots freed for others; lessons already begun stay as they are (they are marked, not cancelled). Returns the
     * lessons cancelled; a second call cancels nothing more.
     */
    @Transactional
    public List<Long> releaseLessonsAfter(long opportunityId, OffsetDateTime from, String by) {
        return release(opportunityId, lessons.liveAfter(opportunityId, from), "after " + from, by);
    }

    /**
     * 退部分课时: the student keeps {@code keep} lessons not begun; those booked beyond them, the latest first, are
     * cancelled and their slots freed. Returns the lessons cancelled; a second call cancels nothing more.
     */
    @Transactional
    public List<Long> keepLessons(long opportunityId, int keep, String by) {
        List<Long> ahead = lessons.liveAfter(opportunityId, now());
        return release(opportunityId, ahead.subList(Math.min(Math.max(keep, 0), ahead.size()), ahead.size()),
                "beyond the " + keep + " kept", by);
    }

    /** Cancels {@code released} (their slots freed) and says so in the log; returns them. */
    private List<Long> release(long opportunityId, List<Long> released, String which, String by) {
        OffsetDateTime at = now();
        released.forEach(id -> lessons.cancelOne(id, by, at));
        if (!released.isEmpty()) {
            log.info("opportunity {}: {} lessons {} released by {}", opportunityId, released.size(), which, by);
        }
        return List.copyOf(released);
    }

    /**
     * 退学: the student's schedule is closed. Lessons not begun are cancelled and their slots freed; the lessons taught
     * keep their status (they are the record of what was taught); the schedule itself is marked cancelled with the
     * reason, so nothing proposes or moves its lessons again. A second call changes nothing.
     */
    @Transactional
    public void closeSchedule(long opportunityId, String reason, String by) {
        releaseLessonsAfter(opportunityId, now(), by);
        proposals.findLatest(opportunityId).ifPresent(p -> {
            proposals.lock(p.id());
            if (proposals.cancel(p.id(), reason, now())) {
                log.info("schedule {} of opportunity {} closed: {}", p.id(), opportunityId, reason);
            }
        });
    }

    /** The active teachers of the campus who teach the subject in the grade at the level: who a schedule may take. */
    @Transactional(readOnly = true)
    public List<Teacher> teachersFor(String campusCode, Subject subject, Grade grade, TeacherLevel level) {
        return teachers.candidates(campusCode, subject, grade, level);
    }

    /**
     * Why the request's lessons could not be scheduled now, as 调整上课时间偏好 would read it (the weekly times that,
     * added, would take them all, included); empty when they could. Nothing is booked. For a plan checked before the
     * family pays (decision 743) and new times checked when submitted (decision 745): the request's opportunity,
     * customer and course as the system holds them.
     */
    @Transactional(readOnly = true)
    public Optional<String> whyUnschedulable(ScheduleRequest r) {
        return whyUnschedulable(r, null);
    }

    /**
     * As {@link #whyUnschedulable(ScheduleRequest)}, as if the proposal were already discarded: 确认排课's 重新排课
     * gives up the proposed lessons only for times that can be scheduled (decision 746).
     */
    @Transactional(readOnly = true)
    public Optional<String> whyUnschedulable(ScheduleRequest r, Long insteadOfProposal) {
        Proposal givenUp = insteadOfProposal == null ? null : find(insteadOfProposal).orElse(null);
        try {
            plan(r, false, true, givenUp);
            return Optional.empty();
        } catch (NoFeasibleScheduleException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * A course nobody at the campus teaches can never be scheduled: adds a problem of {@code subject} when nobody
     * teaches the subject to the grade, of {@code teacherLevel} (naming the levels taught) when nobody of that level
     * does. {@code consequence} says what the user was about to do (转课后无法排课).
     */
    @Transactional(readOnly = true)
    public void nobodyToTeach(InputRules rules, String campus, Grade grade, Subject subject, TeacherLevel level,
            String consequence) {
        if (!teachersFor(campus, subject, grade, level).isEmpty()) {
            return;
        }
        List<String> taught = java.util.Arrays.stream(TeacherLevel.values())
                .filter(l -> !teachersFor(campus, subject, grade, l).isEmpty()).map(TeacherLevel::label).toList();
        String course = grade.label() + subject.label();
        if (taught.isEmpty()) {
            rules.problem("subject", "本校区没有教" + course + "的教师，" + consequence);
        } else {
            rules.problem("teacherLevel", "本校区没有教" + course + "的" + level.label() + "，" + consequence + "；可选："
                    + String.join("、", taught));
        }
    }

    /**
     * Whether the opportunity's live schedule waits in 确认排课 (proposed, not confirmed): its status is all it takes,
     * not its lessons.
     */
    @Transactional(readOnly = true)
    public boolean awaitsConfirmation(long opportunityId) {
        return proposals.findLive(opportunityId).filter(p -> !ScheduleStatus.CONFIRMED.name().equals(p.status()))
                .isPresent();
    }

    /** The proposal's lessons not cancelled, in time order. */
    private List<ScheduledLesson> kept(ProposalRepository.StoredProposal p) {
        return proposals.lessons(p.id()).stream().filter(l -> !ScheduleStatus.CANCELLED.name().equals(l.status()))
                .sorted(java.util.Comparator.comparing(ScheduledLesson::startsAt)).toList();
    }

    /** The lesson whose teacher teaches the student now: the next not begun, else the last; empty without lessons. */
    private static Optional<ScheduledLesson> lessonNow(List<ScheduledLesson> kept, OffsetDateTime now) {
        return kept.stream().filter(l -> l.startsAt().isAfter(now)).findFirst()
                .or(() -> kept.isEmpty() ? Optional.empty() : Optional.of(kept.get(kept.size() - 1)));
    }

    /**
     * 409 while the opportunity's 1:1 schedule waits in 确认排课 (a new sale's, a resumption's, a withdrawn teacher
     * change's): a 转课, a 停课 or a 更换教师 would cancel or replace what academic affairs are about to confirm, and
     * leave them a task for a schedule that is gone. {@code what} is the request (停课, 转课 …). 更换教师 reads the
     * schedule's teacher anyway and says its own advice (the teacher is changed in 确认排课 itself).
     */
    @Transactional(readOnly = true)
    public void refuseWhileUnconfirmed(long opportunityId, String contractNumber, String what) {
        if (awaitsConfirmation(opportunityId)) {
            throw new ConflictException(409, "合同 " + contractNumber + " 的课表尚待教务确认，请在“确认排课”中确认后再"
                    + what);
        }
    }

    /**
     * 更换教师: the opportunity's live schedule and its teacher now, the teacher of the next lesson not begun (a lesson
     * moved or given by a substitute counts as it stands), else of the last lesson; empty without a live schedule.
     */
    @Transactional(readOnly = true)
    public Optional<CurrentTeacher> currentTeacher(long opportunityId) {
        return proposals.findLive(opportunityId).map(p -> {
            Optional<ScheduledLesson> next = lessonNow(kept(p), now());
            return new CurrentTeacher(p.id(), p.status(), Subject.valueOf(p.subject()), Grade.valueOf(p.grade()),
                    TeacherLevel.valueOf(p.teacherLevel()), next.map(ScheduledLesson::teacherId).orElse(null),
                    next.map(ScheduledLesson::teacherName).orElse(null));
        });
    }

    /** The teacher's name, for a record that keeps only the id. */
    @Transactional(readOnly = true)
    public Optional<String> teacherName(String teacherId) {
        return teacherId == null ? Optional.empty() : teachers.find(teacherId).map(Teacher::name);
    }

    @Transactional(readOnly = true)
    public Optional<Proposal> find(long id) {
        return proposals.find(id).map(this::assemble);
    }

    /** The proposal a lesson belongs to. */
    @Transactional(readOnly = true)
    public Optional<Proposal> forLesson(long lessonId) {
        return lessons.find(lessonId).flatMap(l -> find(l.proposalId()));
    }

    /** The opportunity's live proposal (one not cancelled): the schedule the student is on now. */
    @Transactional(readOnly = true)
    public Optional<Proposal> liveFor(long opportunityId) {
        return proposals.findLive(opportunityId).map(this::assemble);
    }

    /** The opportunity's live proposal, else its last cancelled one. */
    @Transactional(readOnly = true)
    public Optional<Proposal> forOpportunity(long opportunityId) {
        return proposals.findLatest(opportunityId).map(this::assemble);
    }

    private Proposal assemble(ProposalRepository.StoredProposal p) {
        return new Proposal(p.id(), p.opportunityId(), p.customerId(), p.campusCode(), p.lessons(), p.status(),
                proposals.lessons(p.id()));
    }

    /** Checks every field at once; the opportunity must exist and belong to the customer. */
    private ScheduleRequest validate(ScheduleRequest r) {
        if (r == null) {
            throw new InvalidInputException("(body)", "必填");
        }
        InputRules rules = new InputRules();
        if (r.opportunityId() <= 0) {
            rules.problem("opportunityId", "必填");
        }
        if (r.customerId() <= 0) {
            rules.problem("customerId", "必填");
        }
        String studentName = rules.name("studentName", r.studentName(), 64, true);
        String campus = rules.required("campusCode", r.campusCode(), 16);
        if (campus != null && !campuses.exists(campus)) {
            rules.problem("campusCode", "未知校区“" + campus + "”");
        }
        required(rules, "subject", r.subject(), Subject.class);
        required(rules, "grade", r.grade(), Grade.class);
        required(rules, "teacherLevel", r.teacherLevel(), TeacherLevel.class);
        if (r.lessons() < 1 || r.lessons() > MAX_LESSONS) {
            rules.problem("lessons", "课时数应为 1 到 " + MAX_LESSONS);
        }
        checkPreferredTimes(rules, r.preferredTimes());
        if (r.firstDate() == null) {
            rules.problem("firstDate", "必填");
        } else if (r.firstDate().isBefore(LocalDate.now(clock.withZone(BusinessTime.ZONE)))) {
            rules.problem("firstDate", "不能早于今天");
        }
        rules.throwIfAny();
        Opportunity opportunity = opportunities.findById(r.opportunityId())
                .orElseThrow(() -> new NotFoundException("商机 " + r.opportunityId() + " 不存在"));
        if (opportunity.customerId() != r.customerId()) {
            throw new InvalidInputException("customerId", "与商机 " + r.opportunityId() + " 的客户不一致");
        }
        return new ScheduleRequest(r.opportunityId(), r.customerId(), studentName, campus, r.subject(), r.grade(),
                r.teacherLevel(), r.lessons(), List.copyOf(r.preferredTimes()), r.firstDate(), r.preferredTeacherId(),
                r.excludedTeacherId());
    }

    private static <E extends Enum<E> & Coded> void required(InputRules rules, String field, E value, Class<E> type) {
        if (value == null) {
            rules.problem(field, "必填，可选：" + Coded.allowed(type));
        }
    }

    private static void checkPreferredTimes(InputRules rules, List<PreferredTime> times) {
        if (times == null || times.isEmpty()) {
            rules.problem("preferredTimes", "至少填写一个每周上课时间");
            return;
        }
        if (times.size() > MAX_PREFERRED_TIMES) {
            rules.problem("preferredTimes", "每周上课时间最多 " + MAX_PREFERRED_TIMES + " 个");
            return;
        }
        for (int i = 0; i < times.size(); i++) {
            PreferredTime t = times.get(i);
            String field = "preferredTimes[" + i + "]";
            if (t == null || t.day() == null || t.start() == null) {
                rules.problem(field, "须填写星期（day）和开始时间（start）");
                continue;
            }
            if (!SchedulePlanner.onTheHalfHour(t.start())) {
                rules.problem(field + ".start", "课时须在整点或半点开始");
            } else if (t.start().isAfter(LAST_START)) {
                rules.problem(field + ".start", "课时须在当天结束（最晚 23:00 开始）");
            }
            for (int j = 0; j < i; j++) {
                PreferredTime other = times.get(j);
                if (other != null && other.day() == t.day() && other.start() != null
                        && Math.abs(Duration.between(other.start(), t.start()).toMinutes())
                                < LessonRepository.LESSON.toMinutes()) {
                    rules.problem(field, "与第 " + (j + 1) + " 个上课时间重叠");
                    break;
                }
            }
        }
    }

    private String campusName(String code) {
        return campuses.findActive(code).map(Campus::name).orElse(code);
    }

    private static NotFoundException notFound(long proposalId) {
        return new NotFoundException("排课方案 " + proposalId + " 不存在");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConflictException(409, "排课被中断，请重试");
        }
    }
}
