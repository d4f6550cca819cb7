package com.enrollflow.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.reference.BusinessTime;

/**
 * Lessons (lesson) and the 30-minute slots they hold (booking_slot). The slots' primary key is the guarantee
 * against double booking: {@link #occupy} fails with {@link SlotTakenException} when any slot is held already.
 */
@Repository
public class LessonRepository {

    /** A lesson (课时) is 60 minutes and starts on the hour or half hour: two slots. */
    static final Duration LESSON = Duration.ofMinutes(60);
    static final Duration SLOT = Duration.ofMinutes(30);

    private static final String COLUMNS = "id, proposal_id, seq, teacher_id, room_id, customer_id, starts_at, "
            + "ends_at, status";
    private static final RowMapper<StoredLesson> LESSON_ROWS = RecordRowMapper.of(StoredLesson.class);

    /** A lesson row as stored. */
    record StoredLesson(long id, long proposalId, int seq, String teacherId, String roomId, long customerId,
            OffsetDateTime startsAt, OffsetDateTime endsAt, String status) {
    }

    private final JdbcClient jdbc;

    LessonRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a lesson row; it holds no slot until {@link #occupy}. */
    long insert(long proposalId, int seq, String teacherId, String roomId, long customerId, OffsetDateTime startsAt,
            ScheduleStatus status) {
        KeyHolder keys = new GeneratedKeyHolder();
        OffsetDateTime start = business(startsAt);
        jdbc.sql("insert into lesson (proposal_id, seq, teacher_id, room_id, customer_id, starts_at, ends_at, "
                + "status) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(proposalId, seq, teacherId, roomId, customerId, start, start.plus(LESSON), status.name())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * Takes the lesson's slots for its teacher, room and student, one row each, so a refusal names the resource
     * and the slot. After a refusal the transaction must end (on PostgreSQL it is aborted).
     */
    void occupy(long lessonId, String teacherId, String roomId, long customerId, OffsetDateTime startsAt) {
        for (OffsetDateTime slot : slots(startsAt)) {
            hold(ResourceType.TEACHER, teacherId, slot, lessonId);
            hold(ResourceType.ROOM, roomId, slot, lessonId);
            hold(ResourceType.STUDENT, Long.toString(customerId), slot, lessonId);
        }
    }

    private void hold(ResourceType type, String resourceId, OffsetDateTime slot, long lessonId) {
        try {
            jdbc.sql("insert into booking_slot (resource_type, resource_id, slot_start, lesson_id) values (?, ?, ?, ?)")
                    .params(type.name(), resourceId, slot, lessonId).update();
        } catch (DataIntegrityViolationException taken) {
            throw new SlotTakenException(type, resourceId, slot, taken);
        }
    }

    /** The slots a lesson starting then holds, in business time. */
    static List<OffsetDateTime> slots(OffsetDateTime startsAt) {
        OffsetDateTime start = business(startsAt);
        return List.of(start, start.plus(SLOT));
    }

    /** Frees the lesson's slots. */
    void free(long lessonId) {
        jdbc.sql("delete from booking_slot where lesson_id = ?").param(lessonId).update();
    }

    /** The opportunity's live lessons (proposed or confirmed) that start after {@code from}. */
    List<Long> liveAfter(long opportunityId, OffsetDateTime from) {
        return jdbc.sql("select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? and l.status <> 'CANCELLED' and l.starts_at > ? order by l.starts_at")
                .params(opportunityId, from).query(Long.class).list();
    }

    /**
     * The student's registered suspension (停课) not yet resumed that covers {@code day}, as staff read it
     * ("2026-12-05 至 2026-12-09"); the suspension feature builds on this one, so its rows are read from their table.
     */
    Optional<String> suspendedOn(long opportunityId, java.time.LocalDate day) {
        return jdbc.sql("select starts_on, ends_on from suspension where opportunity_id = ? and open_contract_id is "
                + "not null and starts_on <= ? and ends_on >= ?").params(opportunityId, day, day)
                .query((rs, n) -> rs.getObject("starts_on", java.time.LocalDate.class) + " 至 "
                        + rs.getObject("ends_on", java.time.LocalDate.class))
                .optional();
    }

    /** Cancels one lesson and frees its slots (退费, 休学). */
    void cancelOne(long lessonId, String by, OffsetDateTime at) {
        free(lessonId);
        jdbc.sql("update lesson set status = 'CANCELLED', changed_by = ?, changed_at = ? where id = ?")
                .params(by, at, lessonId).update();
    }

    /** Frees the slots of every lesson of the proposal. */
    void freeProposal(long proposalId) {
        jdbc.sql("delete from booking_slot where lesson_id in (select id from lesson where proposal_id = ?)")
                .param(proposalId).update();
    }

    Optional<StoredLesson> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from lesson where id = ?").param(id).query(LESSON_ROWS).optional();
    }

    /**
     * The lesson, its row locked until the transaction ends: a move of it still running elsewhere is waited for, and
     * what it stored is read (also on H2, whose row lock returns the row as last committed).
     */
    Optional<StoredLesson> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from lesson where id = ? for update").param(id).query(LESSON_ROWS)
                .optional();
    }

    void move(long lessonId, String teacherId, String roomId, OffsetDateTime startsAt, String by, OffsetDateTime at) {
        OffsetDateTime start = business(startsAt);
        jdbc.sql("update lesson set teacher_id = ?, room_id = ?, starts_at = ?, ends_at = ?, changed_by = ?, "
                + "changed_at = ? where id = ?")
                .params(teacherId, roomId, start, start.plus(LESSON), by, at, lessonId).update();
    }

    int lastSeq(long proposalId) {
        return jdbc.sql("select coalesce(max(seq), 0) from lesson where proposal_id = ?").param(proposalId)
                .query(Integer.class).single();
    }

    /** Marks a lesson as the 补课 of another. */
    void replaces(long lessonId, long originalLessonId, String by, OffsetDateTime at) {
        jdbc.sql("update lesson set replaces_lesson_id = ?, changed_by = ?, changed_at = ? where id = ?")
                .params(originalLessonId, by, at, lessonId).update();
    }

    /** The lesson's make-up (补课) still on the schedule, begun or not. */
    Optional<StoredLesson> replacementOf(long originalLessonId) {
        return jdbc.sql("select id from lesson where replaces_lesson_id = ? and status <> 'CANCELLED'")
                .param(originalLessonId).query(Long.class).optional().flatMap(this::find);
    }

    void setStatus(long proposalId, ScheduleStatus from, ScheduleStatus to) {
        jdbc.sql("update lesson set status = ? where proposal_id = ? and status = ?")
                .params(to.name(), proposalId, from.name()).update();
    }

    void cancelAll(long proposalId) {
        jdbc.sql("update lesson set status = 'CANCELLED' where proposal_id = ?").param(proposalId).update();
    }

    /**
     * Which of the given slots the resources hold, per resource: looked up by key (resource, slot), so the answer
     * costs the same however many lessons the campus has booked around them.
     */
    Map<String, Set<Instant>> busy(ResourceType type, Collection<String> resourceIds,
            Collection<OffsetDateTime> slots) {
        return slots.isEmpty() ? held(resourceIds, null)
                : held(resourceIds, jdbc.sql("select resource_id, slot_start from booking_slot where resource_type = "
                        + ":type and resource_id in (:ids) and slot_start in (:slots)").param("slots", slots)
                        .param("type", type.name()).param("ids", resourceIds));
    }

    /** As {@link #busy}, every slot held from {@code from} (inclusive) to {@code to} (exclusive). */
    Map<String, Set<Instant>> busyBetween(ResourceType type, Collection<String> resourceIds, OffsetDateTime from,
            OffsetDateTime to) {
        return held(resourceIds, jdbc.sql("select resource_id, slot_start from booking_slot where resource_type = "
                + ":type and resource_id in (:ids) and slot_start >= :from and slot_start < :to")
                .param("from", from).param("to", to).param("type", type.name()).param("ids", resourceIds));
    }

    /** Each resource's slots that the statement (resource_id, slot_start) reads; none asked when there is none. */
    private static Map<String, Set<Instant>> held(Collection<String> resourceIds, JdbcClient.StatementSpec slots) {
        Map<String, Set<Instant>> busy = new HashMap<>();
        resourceIds.forEach(id -> busy.put(id, new HashSet<>()));
        if (!resourceIds.isEmpty() && slots != null) {
            slots.query((rs, n) -> Map.entry(rs.getString("resource_id"),
                    rs.getObject("slot_start", OffsetDateTime.class).toInstant()))
                    .list().forEach(e -> busy.get(e.getKey()).add(e.getValue()));
        }
        return busy;
    }

    static OffsetDateTime business(OffsetDateTime t) {
        return t.atZoneSameInstant(BusinessTime.ZONE).toOffsetDateTime();
    }
}
