package com.enrollflow.teaching;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.scheduling.SchedulingService;

/**
 * Attendance (出勤) of a scheduled lesson: marked once by the lesson's teacher or by academic affairs of its campus,
 * from the lesson's start on; a correction is a new entry with a reason, never an overwrite. The process owner's
 * table decides whether the lesson is consumed and whether it is taught again; the hours ledger follows in the same
 * transaction.
 */
@Service
public class Attendance {

    /** What a teacher or academic affairs sends (POST /api/lessons/{id}/attendance, or a task form). */
    public record MarkRequest(String status, String note, String leaveRequestedAt, String correctionReason) {
    }

    /** Who marks: the user, and whether they act as academic affairs (教务) rather than as the lesson's teacher. */
    public record Marker(String userId, boolean academicAffairs) {
    }

    /** A mark as stored, with what it did to the hours. */
    public record Marked(long id, long lessonId, String status, String statusLabel, String note, boolean consumed,
            boolean rebook, String rebookBy, Long contractId, Integer lineNo, Integer remaining, Long correctsId,
            String correctionReason, String markedBy, OffsetDateTime markedAt) {
    }

    record LessonRow(long id, OffsetDateTime startsAt, String status, String teacherUserId, String campusCode,
            long opportunityId) {
    }

    record MarkRow(long id, long lessonId, String status, String note, boolean consumed, boolean rebook,
            String rebookBy, Long contractId, Integer lineNo, Long correctsId, String correctionReason,
            String markedBy, OffsetDateTime markedAt) {
    }

    private static final RowMapper<LessonRow> LESSONS = RecordRowMapper.of(LessonRow.class);
    private static final RowMapper<MarkRow> MARKS = RecordRowMapper.of(MarkRow.class);
    private static final String MARK_COLUMNS = "id, lesson_id, status, note, consumed, rebook, rebook_by, "
            + "contract_id, line_no, corrects_id, correction_reason, marked_by, marked_at";

    private final JdbcClient jdbc;
    private final HoursLedger ledger;
    private final ConsumptionPolicy policy;
    private final Rebookings rebookings;
    private final CampusScope scope;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SchedulingService scheduling;
    private final OpportunityService opportunities;

    Attendance(JdbcClient jdbc, HoursLedger ledger, ConsumptionPolicy policy, Rebookings rebookings,
            CampusScope scope, Clock clock, ApplicationEventPublisher events, SchedulingService scheduling,
            OpportunityService opportunities) {
        this.events = events;
        this.scheduling = scheduling;
        this.opportunities = opportunities;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.policy = policy;
        this.rebookings = rebookings;
        this.scope = scope;
        this.clock = clock;
    }

    @Transactional
    public Marked mark(long lessonId, MarkRequest request, Marker who) {
        InputRules rules = new InputRules();
        AttendanceStatus status = rules.code("status", request.status(), AttendanceStatus.class, true);
        String note = rules.plainText("note", request.note(), 500, false);
        String correctionReason = rules.plainText("correctionReason", request.correctionReason(), 500, false);
        OffsetDateTime leaveRequestedAt = moment(rules, "leaveRequestedAt", request.leaveRequestedAt());
        if (leaveRequestedAt != null && status != null && status != AttendanceStatus.LEAVE) {
            rules.problem("leaveRequestedAt", "只有请假才填写请假时间");
        }
        rules.throwIfAny();

        // the lesson row is locked: marks of one lesson happen one after the other
        LessonRow lesson = jdbc.sql("select l.id, l.starts_at, l.status, t.user_id as teacher_user_id, "
                + "p.campus_code, p.opportunity_id from lesson l join teacher t on t.id = l.teacher_id "
                + "join schedule_proposal p on p.id = l.proposal_id where l.id = ?").param(lessonId).query(LESSONS)
                .optional().filter(l -> scope.current().seesCampus(l.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有课时 " + lessonId));
        jdbc.sql("select id from lesson where id = ? for update").param(lessonId).query(Long.class).single();
        boolean ownLesson = who.userId() != null && who.userId().equals(lesson.teacherUserId());
        if (!ownLesson && !who.academicAffairs()) {
            throw new ConflictException(403, "只有这节课的教师或本校区教务可以登记出勤");
        }
        if (!"CONFIRMED".equals(lesson.status())) {
            throw new ConflictException(409, "课时 " + lessonId + " 不是已确认的课（排课状态 " + lesson.status() + "），不能登记出勤");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (now.isBefore(lesson.startsAt())) {
            throw new ConflictException(409, "这节课 " + BusinessTime.shown(lesson.startsAt()) + " 开始，开始后才能登记出勤");
        }
        if (leaveRequestedAt != null && leaveRequestedAt.isAfter(now)) {
            throw new com.enrollflow.common.InvalidInputException("leaveRequestedAt", "请假时间不能晚于现在");
        }

        Optional<MarkRow> current = currentMark(lessonId);
        if (current.isPresent() && correctionReason == null) {
            MarkRow c = current.get();
            throw new ConflictException(409, "这节课已登记为“" + AttendanceStatus.valueOf(c.status()).label() + "”（"
                    + c.markedBy() + "，" + BusinessTime.shown(c.markedAt()) + "）；更正请填写更正原因（correctionReason）");
        }
        if (current.isEmpty() && correctionReason != null) {
            throw new com.enrollflow.common.InvalidInputException("correctionReason", "这节课还没有登记出勤，无需更正");
        }

        Integer noticeHours = status == AttendanceStatus.LEAVE ? noticeHours(leaveRequestedAt, now, lesson.startsAt())
                : null;
        Consumption consumption = policy.decide(status, noticeHours);
        if (current.isPresent()) {
            MarkRow previous = current.get();
            jdbc.sql("update lesson_attendance set current_lesson_id = null where id = ?").param(previous.id()).update();
            if (previous.consumed()) {
                ledger.restoreOne(previous.contractId(), previous.lineNo(), lessonId, who.userId());
            }
            if (previous.rebook()) {
                // the 补课 it asked for is withdrawn (or asked again below): counted once per lesson sent back
                contractIfAny(lesson).ifPresent(contract -> ledger.rebookWithdrawn(contract, lessonId, who.userId()));
            }
        }
        Long contractId = null;
        Integer lineNo = null;
        Integer remaining = null;
        if (consumption.consumed() || consumption.rebook()) {
            contractId = contractOf(lesson);
        }
        if (consumption.consumed()) {
            HoursLedger.Line line = ledger.consumeOne(contractId, lessonId, who.userId());
            lineNo = line.lineNo();
            remaining = line.remaining();
        } else if (consumption.rebook()) {
            ledger.rebooked(contractId, lessonId, who.userId());
        }
        KeyHolder keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("insert into lesson_attendance (lesson_id, current_lesson_id, status, note, leave_requested_at, "
                    + "consumed, rebook, rebook_by, contract_id, line_no, corrects_id, correction_reason, marked_by, "
                    + "marked_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(lessonId, lessonId, status.name(), note, leaveRequestedAt, consumption.consumed(),
                            consumption.rebook(), consumption.rebookBy(), consumption.consumed() ? contractId : null,
                            lineNo, current.map(MarkRow::id).orElse(null), correctionReason, who.userId(), now)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            throw new ConflictException(409, "这节课刚刚已由他人登记出勤，请刷新后查看");
        }
        jdbc.sql("update lesson set attendance = ? where id = ?").params(status.name(), lessonId).update();
        if (consumption.rebook()) {
            rebookings.request(lessonId, lesson.opportunityId(),
                    consumption.rebookBy() == null ? "academicAffairs" : consumption.rebookBy());
        } else if (current.map(MarkRow::rebook).orElse(false)) {
            rebookings.withdraw(lessonId, "出勤已更正为“" + status.label() + "”：" + correctionReason);
        }
        if (consumption.consumed() && current.isPresent()) {
            keepNoMoreLessonsThanHoursLeft(lesson, contractId, who.userId());
        }
        if (consumption.consumed()) {
            events.publishEvent(new LessonConsumed(contractId, lesson.opportunityId(), lessonId,
                    ledger.oneOnOneConsumed(contractId)));
        } else if (current.map(MarkRow::consumed).orElse(false)) {
            events.publishEvent(new LessonRestored(current.get().contractId(), lesson.opportunityId(), lessonId,
                    current.get().id()));
        }
        return new Marked(keys.getKey().longValue(), lessonId, status.name(), status.label(), note,
                consumption.consumed(), consumption.rebook(), consumption.rebookBy(),
                consumption.consumed() ? contractId : null, lineNo, remaining, current.map(MarkRow::id).orElse(null),
                correctionReason, who.userId(), now);
    }

    /**
     * Refused (409) while a lesson of the opportunity has begun and is not marked: until its mark the ledger does not
     * say whether it is consumed (or, for 教师缺课, made up on the schedule). {@code action} is what waits for the
     * marks (转课, 更换教师, 申请退费 …).
     */
    public void requireBegunMarked(long opportunityId, java.time.OffsetDateTime now, String action) {
        int unmarked = unmarkedBegun(opportunityId, now);
        if (unmarked > 0) {
            throw new ConflictException(409, "还有 " + unmarked + " 节已开始的课未登记出勤，请先登记出勤再" + action);
        }
    }

    /** The opportunity's live lessons that began and are not marked yet: they will still consume when marked. */
    public int unmarkedBegun(long opportunityId, java.time.OffsetDateTime now) {
        return jdbc.sql("select count(*) from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED' and l.starts_at <= ? and not exists "
                + "(select 1 from lesson_attendance a where a.current_lesson_id = l.id)").params(opportunityId, now)
                .query(Integer.class).single();
    }

    /**
     * The opportunity's live lessons not marked yet, begun or ahead: the lessons its hours left already have booked
     * (赠送课时 books only what they leave over).
     */
    public int unmarkedLive(long opportunityId) {
        return jdbc.sql("select count(*) from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED' and not exists "
                + "(select 1 from lesson_attendance a where a.current_lesson_id = l.id)").param(opportunityId)
                .query(Integer.class).single();
    }

    /** Every mark of a lesson, the current one last. */
    public List<Marked> history(long lessonId) {
        return jdbc.sql("select " + MARK_COLUMNS + " from lesson_attendance where lesson_id = ? order by id")
                .param(lessonId).query(MARKS).list().stream().map(Attendance::view).toList();
    }

    /** The lesson's mark in force, if it has one (a correction replaces it). */
    Optional<MarkRow> currentMark(long lessonId) {
        return jdbc.sql("select " + MARK_COLUMNS + " from lesson_attendance where current_lesson_id = ?")
                .param(lessonId).query(MARKS).optional();
    }

    /** One mark, current or corrected since. */
    MarkRow mark(long markId) {
        return jdbc.sql("select " + MARK_COLUMNS + " from lesson_attendance where id = ?").param(markId).query(MARKS)
                .single();
    }

    /** The contract the lesson's hours come from: the opportunity's issued contract. */
    private long contractOf(LessonRow lesson) {
        return contractIfAny(lesson)
                .orElseThrow(() -> new ConflictException(409, "课时 " + lesson.id() + " 所属商机没有有效合同，无法记入课时台账"));
    }

    /** The lesson's contract in force, the newest of its opportunity's. */
    private Optional<Long> contractIfAny(LessonRow lesson) {
        return jdbc.sql("select id from contract where opportunity_id = ? and status = 'ISSUED' order by id desc")
                .param(lesson.opportunityId()).query(Long.class).list().stream().findFirst();
    }

    /**
     * A mark corrected to a consuming one takes a lesson the schedule may have counted as still owed: a lesson sent
     * back for 补课 whose make-up a later schedule (更换教师, 复课, 转课) placed among the lessons ahead. The 1:1
     * lessons booked ahead are cut to what the hours left can pay, the latest first, and the timeline says so.
     */
    private void keepNoMoreLessonsThanHoursLeft(LessonRow lesson, long contractId, String by) {
        int hoursLeft = ledger.oneOnOneLeft(contractId);
        List<Long> cancelled = scheduling.keepLessons(lesson.opportunityId(), hoursLeft, by);
        if (!cancelled.isEmpty()) {
            opportunities.note(lesson.opportunityId(), TimelineEvent.LESSON_NOT_REBOOKED, by, "出勤更正后剩余 "
                    + hoursLeft + " 课时，取消排在最后的 " + cancelled.size() + " 节课");
        }
    }

    /** Whole hours between the leave request and the lesson's start; a request after the start gives 0. */
    static int noticeHours(OffsetDateTime requestedAt, OffsetDateTime now, OffsetDateTime startsAt) {
        OffsetDateTime asked = requestedAt == null ? now : requestedAt;
        return (int) Math.max(0, Duration.between(asked, startsAt).toHours());
    }

    private static OffsetDateTime moment(InputRules rules, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            rules.problem(field, "须为带时区的时间，例如 2026-12-01T18:00:00+08:00");
            return null;
        }
    }

    private static Marked view(MarkRow m) {
        return new Marked(m.id(), m.lessonId(), m.status(), AttendanceStatus.valueOf(m.status()).label(), m.note(),
                m.consumed(), m.rebook(), m.rebookBy(), m.contractId(), m.lineNo(), null, m.correctsId(),
                m.correctionReason(), m.markedBy(), m.markedAt());
    }
}
