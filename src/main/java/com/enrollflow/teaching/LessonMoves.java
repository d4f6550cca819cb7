package com.enrollflow.teaching;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.notification.NotificationService;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.FamilyContact;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.scheduling.PreferredTime;
import com.enrollflow.scheduling.PreferredTimes;
import com.enrollflow.scheduling.Proposal;
import com.enrollflow.scheduling.ProposalText;
import com.enrollflow.scheduling.Room;
import com.enrollflow.scheduling.RoomRepository;
import com.enrollflow.scheduling.ScheduledLesson;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.scheduling.Teacher;
import com.enrollflow.scheduling.TeacherRepository;

/**
 * 调课: one 1:1 lesson not yet begun moves to another time, teacher or room ({@link SchedulingService#moveLesson}
 * holds the new slots and refuses a taken one, naming who is busy when). Once the schedule is confirmed, the move is a
 * promise changed: the customer's timeline keeps it with its reason and the family is mailed the new time. Asked by
 * the lesson's id (PUT /api/lessons/{id}) or, in Tasklist's start form 调课, as academic affairs have it from the
 * family's call: the contract (its number or the family's phone), the lesson by the time it starts, the teacher and
 * the room by name, each left empty to keep the lesson's own.
 */
@Service
public class LessonMoves {

    /** The fields of the start form move-lesson (调课), which the typed request's problems name. */
    public static final String CONTRACT = "contract";
    public static final String LESSON_AT = "lessonAt";
    public static final String MOVE_TO = "moveTo";
    public static final String TEACHER = "teacher";
    public static final String ROOM = "room";
    public static final String REASON = "reason";
    public static final String EVERY_WEEK = "everyWeek";

    /** How many of the lessons to come a refusal of {@code lessonAt} lists. */
    private static final int LISTED = 6;

    /** A move by the lesson's id: the teacher, the room and the start it takes; the reason may be empty. */
    public record Move(String teacherId, String roomId, OffsetDateTime startsAt, String reason) {
    }

    /**
     * The start form's fields as typed; times as the form sends them (2026-12-08T10:00+08:00). {@code everyWeek}: the
     * lessons after it at the same weekday and time move with it, each by the same shift (a new weekly time).
     */
    public record Asked(String contract, String lessonAt, String moveTo, String teacher, String room, String reason,
            boolean everyWeek) {
    }

    /** A move made: where the form is filed, what staff are told, and the schedule as it now stands. */
    public record Moved(String campusCode, long opportunityId, String told, Proposal schedule) {
    }

    private final SchedulingService scheduling;
    private final ContractLookup contracts;
    private final TeacherRepository teachers;
    private final RoomRepository rooms;
    private final OpportunityService opportunities;
    private final Families families;
    private final NotificationService notifications;
    private final CampusScope scope;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LessonMoves(SchedulingService scheduling, ContractLookup contracts, TeacherRepository teachers,
            RoomRepository rooms, OpportunityService opportunities, Families families,
            NotificationService notifications, CampusScope scope, ApplicationEventPublisher events, Clock clock) {
        this.scheduling = scheduling;
        this.contracts = contracts;
        this.teachers = teachers;
        this.rooms = rooms;
        this.opportunities = opportunities;
        this.families = families;
        this.notifications = notifications;
        this.scope = scope;
        this.events = events;
        this.clock = clock;
    }

    /**
     * PUT /api/lessons/{id}: the lesson of a campus the caller works for (any other is "not found", as an unknown id),
     * moved as {@link SchedulingService#moveLesson} allows; the same move again changes nothing and tells nobody.
     */
    @Transactional
    public Proposal move(long lessonId, Move m, String by) {
        Proposal p = scheduling.forLesson(lessonId).filter(s -> scope.current().seesCampus(s.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有课时 " + lessonId));
        InputRules rules = new InputRules();
        String reason = rules.optional("reason", m.reason(), 500);
        rules.throwIfAny();
        return moved(p, lessonId, m.teacherId(), m.roomId(), m.startsAt(), reason, by).schedule();
    }

    /**
     * The start form 调课: every field is checked at once and each problem names its field (an unknown or another
     * campus's contract, a time at which the contract has no lesson with the lessons to come listed, a teacher or room
     * the campus does not have with the ones it has); a schedule still waiting for 确认排课, a lesson begun and a taken
     * slot refuse the whole request (409). Nothing is stored then.
     */
    @Transactional
    public Moved move(Asked a, String by) {
        InputRules rules = new InputRules();
        Contract contract = contracts.typed(a.contract(), rules);
        Proposal p = contract == null ? null : schedule(contract);
        // the problems in the form's order
        OffsetDateTime at = moment(rules, LESSON_AT, a.lessonAt(), "要调整的课原定的上课时间");
        ScheduledLesson lesson = p == null || at == null ? null : lessonAt(rules, contract, p, at);
        OffsetDateTime to = moment(rules, MOVE_TO, a.moveTo(), "新的上课时间");
        String teacherTyped = rules.optional(TEACHER, a.teacher(), 64);
        String teacherId = contract == null || teacherTyped == null ? null : teacher(rules, contract, teacherTyped);
        String roomTyped = rules.optional(ROOM, a.room(), 64);
        String roomId = contract == null || roomTyped == null ? null : room(rules, contract, roomTyped);
        String reason = rules.required(REASON, a.reason(), 500);
        rules.throwIfAny();
        try {
            if (a.everyWeek()) {
                return movedWeekly(contract, p, lesson, teacherId, roomId, to, reason, by);
            }
            return moved(p, lesson.id(), teacherId == null ? lesson.teacherId() : teacherId,
                    roomId == null ? lesson.roomId() : roomId, to, reason, by);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.problems().stream().map(problem -> new FieldProblem(
                    switch (problem.field()) {
                        case "teacherId" -> TEACHER;
                        case "roomId" -> ROOM;
                        default -> MOVE_TO;
                    }, problem.message())).toList());
        }
    }

    /** The contract's confirmed 1:1 schedule; 409 while it waits for 确认排课 or when there is none. */
    private Proposal schedule(Contract contract) {
        scheduling.refuseWhileUnconfirmed(contract.opportunityId(), contract.number(), "调课");
        return scheduling.liveFor(contract.opportunityId()).orElseThrow(() -> new ConflictException(409,
                "合同 " + contract.number() + " 没有生效的一对一课表，无需调课"));
    }

    private Moved moved(Proposal p, long lessonId, String teacherId, String roomId, OffsetDateTime to,
            String reason, String by) {
        SchedulingService.LessonMove move = scheduling.move(lessonId, teacherId, roomId, to, by);
        ScheduledLesson before = move.before();
        Proposal after = move.after();
        ScheduledLesson now = lesson(after, lessonId);
        FamilyContact family = families.of(p.opportunityId());
        boolean changed = !now.teacherId().equals(before.teacherId()) || !now.roomId().equals(before.roomId())
                || !now.startsAt().toInstant().equals(before.startsAt().toInstant());
        String told = family.name() + " 的第 " + now.seq() + " 次课已由 " + ProposalText.when(before) + " 调整为 "
                + ProposalText.when(now);
        if (!changed) {
            return new Moved(p.campusCode(), p.opportunityId(), family.name() + " 的第 " + now.seq() + " 次课时间、教师"
                    + "和教室都没有变化：" + ProposalText.when(now), after);
        }
        // a schedule not yet confirmed (moved through the API before 确认排课) was never promised to the family: it
        // learns the confirmed one
        if (!"CONFIRMED".equals(after.status())) {
            return new Moved(p.campusCode(), p.opportunityId(), told, after);
        }
        opportunities.note(p.opportunityId(), TimelineEvent.LESSON_MOVED, by, "第 " + now.seq() + " 次课："
                + ProposalText.when(before) + " → " + ProposalText.when(now) + (reason == null ? "" : "；原因：" + reason));
        return new Moved(p.campusCode(), p.opportunityId(), told + mailFamily(p, family, "lesson-move:" + now.id(),
                BusinessTime.dateOf(now.startsAt()).toString(), "有一次课调整如下：\n原定：" + ProposalText.when(before)
                        + "\n调整为：" + ProposalText.when(now), reason), after);
    }

    /**
     * 以后每周这个时间的课都一起调整: the lesson and every later live lesson at its weekday and time move by the same
     * shift (周五 18:00 → 周五 17:00 each week), with the teacher and room typed or each lesson's own. One taken slot or
     * closed day refuses them all (the transaction), named by the lesson and its time. The family gets one mail with
     * every lesson, the timeline one entry, and the family's weekly times change for a later rescheduling.
     */
    private Moved movedWeekly(Contract contract, Proposal p, ScheduledLesson first, String teacherId, String roomId,
            OffsetDateTime to, String reason, String by) {
        var from = first.startsAt().atZoneSameInstant(BusinessTime.ZONE);
        List<ScheduledLesson> series = p.lessons().stream().filter(l -> !"CANCELLED".equals(l.status()))
                .filter(l -> !l.startsAt().isBefore(first.startsAt())).filter(l -> {
                    var at = l.startsAt().atZoneSameInstant(BusinessTime.ZONE);
                    return at.getDayOfWeek() == from.getDayOfWeek() && at.toLocalTime().equals(from.toLocalTime());
                }).sorted(Comparator.comparing(ScheduledLesson::startsAt)).toList();
        Duration shift = Duration.between(first.startsAt(), to);
        record Change(ScheduledLesson before, ScheduledLesson after) {
        }
        List<Change> changes = new ArrayList<>();
        Proposal after = p;
        for (ScheduledLesson l : series) {
            SchedulingService.LessonMove move;
            try {
                move = scheduling.move(l.id(), teacherId == null ? l.teacherId() : teacherId,
                        roomId == null ? l.roomId() : roomId, l.startsAt().plus(shift), by);
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.problems().stream().map(problem -> new FieldProblem(problem.field(),
                        "第 " + l.seq() + " 次课（" + BusinessTime.shown(l.startsAt()) + "）：" + problem.message()))
                        .toList());
            }
            after = move.after();
            changes.add(new Change(move.before(), lesson(after, l.id())));
        }
        FamilyContact family = families.of(p.opportunityId());
        ScheduledLesson firstMoved = changes.get(0).after();
        var toAt = firstMoved.startsAt().atZoneSameInstant(BusinessTime.ZONE);
        String weekly = "每" + PreferredTimes.shown(from.getDayOfWeek()) + " " + from.toLocalTime() + " 的 "
                + changes.size() + " 次课（第 " + runs(changes.stream().map(c -> c.before().seq()).toList())
                + " 次）已改为每" + PreferredTimes.shown(toAt.getDayOfWeek()) + " " + toAt.toLocalTime();
        opportunities.note(p.opportunityId(), TimelineEvent.LESSON_MOVED, by, weekly + "，自 "
                + ProposalText.when(firstMoved) + " 起" + (reason == null ? "" : "；原因：" + reason));
        String lessons = changes.stream().map(c -> "原定：" + ProposalText.when(c.before()) + " → 调整为："
                + ProposalText.when(c.after())).collect(Collectors.joining("\n"));
        String mailed = mailFamily(p, family, "lesson-move:" + first.id() + ":weekly",
                BusinessTime.dateOf(firstMoved.startsAt()) + " 起", "上课时间调整如下：\n" + lessons, reason);
        events.publishEvent(new WeeklyTimeMoved(contract.quoteId(), new PreferredTime(from.getDayOfWeek(),
                from.toLocalTime()), new PreferredTime(toAt.getDayOfWeek(), toAt.toLocalTime())));
        return new Moved(p.campusCode(), p.opportunityId(), family.name() + " " + weekly + "，首次 "
                + ProposalText.when(firstMoved) + mailed, after);
    }

    /**
     * The family's 调课 mail, 一对一课程调课通知（{@code when}）, saying what {@code changed}; and what the starter is
     * told of it: that it went, or to phone a family without an e-mail address.
     */
    private String mailFamily(Proposal p, FamilyContact family, String key, String when, String changed,
            String reason) {
        notifications.enqueue(p.opportunityId(), key + ":" + OffsetDateTime.now(clock).toInstant().toEpochMilli(),
                "LESSON_MOVED", family.email(), family.campusName() + "：一对一课程调课通知（" + when + "）",
                family.name() + "家长，您好：\n\n" + family.name() + "的一对一课程" + changed
                        + (reason == null ? "" : "\n原因：" + reason) + "\n\n其他课程和课时不变。如有疑问请联系"
                        + family.campusName() + "。\n\n" + family.campusName());
        boolean mailed = family.mailable();
        return mailed ? "；已发邮件通知家长" : "；家长没有登记邮箱，请电话告知家长新的上课时间";
    }

    /**
     * Lesson numbers as staff read a list of them: three or more in a row as a range (1、3–40), not forty numbers in a
     * line of text.
     */
    private static String runs(List<Integer> seqs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < seqs.size(); ) {
            int j = i;
            while (j + 1 < seqs.size() && seqs.get(j + 1) == seqs.get(j) + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(seqs.get(i) + "–" + seqs.get(j));
            } else {
                seqs.subList(i, j + 1).forEach(n -> parts.add(String.valueOf(n)));
            }
            i = j + 1;
        }
        return String.join("、", parts);
    }

    private static ScheduledLesson lesson(Proposal p, long lessonId) {
        return p.lessons().stream().filter(l -> l.id() == lessonId).findFirst().orElseThrow();
    }

    /** The contract's live lesson starting at {@code at}; else a problem of {@code lessonAt} listing those to come. */
    private ScheduledLesson lessonAt(InputRules rules, Contract contract, Proposal p, OffsetDateTime at) {
        List<ScheduledLesson> live = p.lessons().stream().filter(l -> !"CANCELLED".equals(l.status()))
                .sorted(Comparator.comparing(ScheduledLesson::startsAt)).toList();
        for (ScheduledLesson l : live) {
            if (l.startsAt().toInstant().equals(at.toInstant())) {
                return l;
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<ScheduledLesson> toCome = live.stream().filter(l -> l.startsAt().isAfter(now)).limit(LISTED).toList();
        rules.problem(LESSON_AT, "合同 " + contract.number() + " 在 " + BusinessTime.shown(at) + " 没有课；"
                + (toCome.isEmpty() ? "它没有待上的课" : "接下来的课：" + toCome.stream()
                        .map(l -> "第 " + l.seq() + " 次 " + ProposalText.when(l)).collect(Collectors.joining("；"))));
        return null;
    }

    /**
     * The campus's active teacher staff named (a name, with or without 老师, or the staff id); else a problem of
     * {@code teacher} listing who teaches this course at the level paid for. Whether the one named may give the
     * lesson is {@link SchedulingService#moveLesson}'s to say.
     */
    private String teacher(InputRules rules, Contract contract, String typed) {
        List<Teacher> matches = teachers.findByCampus(contract.campusCode()).stream().filter(Teacher::active)
                .filter(t -> t.answersTo(typed)).toList();
        if (matches.size() == 1) {
            return matches.get(0).id();
        }
        List<Teacher> able = scheduling.currentTeacher(contract.opportunityId())
                .map(c -> scheduling.teachersFor(contract.campusCode(), c.subject(), c.grade(), c.teacherLevel()))
                .orElse(List.of());
        rules.problem(TEACHER, (matches.isEmpty() ? "本校区没有在职教师“" + InputRules.abbreviate(typed) + "”"
                : "本校区有 " + matches.size() + " 位教师叫“" + Teacher.nameTyped(typed) + "”，请填工号") + "；"
                + choices(able, t -> t.name() + "（" + t.id() + "）", "可以上这门课的教师"));
        return null;
    }

    /** The campus's active room staff named (its name or id); else a problem of {@code room} listing the rooms. */
    private String room(InputRules rules, Contract contract, String typed) {
        List<Room> active = rooms.activeRooms(contract.campusCode());
        List<Room> matches = active.stream().filter(r -> r.id().equalsIgnoreCase(typed) || r.name().equals(typed))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0).id();
        }
        rules.problem(ROOM, "本校区没有可用的教室“" + InputRules.abbreviate(typed) + "”；"
                + choices(active, Room::name, "可用的教室"));
        return null;
    }

    private static <T> String choices(List<T> items, Function<T, String> shown, String what) {
        return items.isEmpty() ? "本校区没有" + what : what + "：" + items.stream().map(shown)
                .collect(Collectors.joining("、"));
    }

    /** A form's date and time with its offset; null when missing or unreadable (a problem of {@code field}). */
    private static OffsetDateTime moment(InputRules rules, String field, String value, String what) {
        if (value == null || value.isBlank()) {
            rules.problem(field, "必填：" + what);
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            rules.problem(field, "须为带时区的日期和时间，例如 2026-12-08T10:00+08:00");
            return null;
        }
    }
}
