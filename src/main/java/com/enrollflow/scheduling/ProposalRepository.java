package com.enrollflow.scheduling;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.enrollflow.common.RecordRowMapper;
import com.enrollflow.reference.BusinessTime;

/** Schedule proposals (schedule_proposal) and the view of their lessons with teacher and room names. */
@Repository
public class ProposalRepository {

    private static final String COLUMNS = "id, opportunity_id, customer_id, student_name, campus_code, subject, "
            + "grade, teacher_level, lessons, status, created_at, confirmed_by, confirmed_at, cancelled_at, "
            + "cancel_reason";
    private static final RowMapper<StoredProposal> PROPOSAL_ROWS = RecordRowMapper.of(StoredProposal.class);
    private static final String LESSON_VIEW = "select l.id, l.seq, l.teacher_id, t.name teacher_name, l.room_id, "
            + "r.name room_name, l.starts_at, l.ends_at, l.status from lesson l join teacher t on t.id = l.teacher_id "
            + "join room r on r.id = l.room_id ";
    private static final RowMapper<ScheduledLesson> LESSON_VIEW_ROWS = (rs, n) -> new ScheduledLesson(
            rs.getLong("id"), rs.getInt("seq"), rs.getString("teacher_id"), rs.getString("teacher_name"),
            rs.getString("room_id"), rs.getString("room_name"), business(rs.getObject("starts_at",
                    OffsetDateTime.class)), business(rs.getObject("ends_at", OffsetDateTime.class)),
            rs.getString("status"));

    /** A proposal row as stored. */
    record StoredProposal(long id, long opportunityId, long customerId, String studentName, String campusCode,
            String subject, String grade, String teacherLevel, int lessons, String status, OffsetDateTime createdAt,
            String confirmedBy, OffsetDateTime confirmedAt, OffsetDateTime cancelledAt, String cancelReason) {
    }

    private final JdbcClient jdbc;

    ProposalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new PROPOSED proposal; it is the opportunity's live one, so a concurrent insert for the same opportunity
     * fails on uq_schedule_proposal_live.
     */
    long insert(ScheduleRequest r, OffsetDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into schedule_proposal (opportunity_id, live_opportunity_id, customer_id, student_name, "
                + "campus_code, subject, grade, teacher_level, lessons, status, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED', ?)")
                .params(r.opportunityId(), r.opportunityId(), r.customerId(), r.studentName(), r.campusCode(),
                        r.subject().name(), r.grade().name(), r.teacherLevel().name(), r.lessons(), now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<StoredProposal> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from schedule_proposal where id = ?").param(id).query(PROPOSAL_ROWS)
                .optional();
    }

    /** The row, locked until the transaction ends: confirm, cancel and lesson moves of one proposal are serial. */
    Optional<StoredProposal> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from schedule_proposal where id = ? for update").param(id)
                .query(PROPOSAL_ROWS).optional();
    }

    /** The opportunity's PROPOSED or CONFIRMED proposal. */
    Optional<StoredProposal> findLive(long opportunityId) {
        return jdbc.sql("select " + COLUMNS + " from schedule_proposal where live_opportunity_id = ?")
                .param(opportunityId).query(PROPOSAL_ROWS).optional();
    }

    /** The opportunity's newest proposal: the live one if there is one, else the last cancelled. */
    Optional<StoredProposal> findLatest(long opportunityId) {
        return jdbc.sql("select " + COLUMNS + " from schedule_proposal where opportunity_id = ? order by id desc")
                .param(opportunityId).query(PROPOSAL_ROWS).list().stream().findFirst();
    }

    boolean confirm(long id, String by, OffsetDateTime at) {
        return jdbc.sql("update schedule_proposal set status = 'CONFIRMED', confirmed_by = ?, confirmed_at = ? "
                + "where id = ? and status = 'PROPOSED'").params(by, at, id).update() == 1;
    }

    boolean cancel(long id, String reason, OffsetDateTime at) {
        return jdbc.sql("update schedule_proposal set status = 'CANCELLED', live_opportunity_id = null, "
                + "cancelled_at = ?, cancel_reason = ? where id = ? and status <> 'CANCELLED'")
                .params(at, reason, id).update() == 1;
    }

    /** The proposal's lessons in order, with the teacher's and the room's names. */
    List<ScheduledLesson> lessons(long proposalId) {
        return jdbc.sql(LESSON_VIEW + "where l.proposal_id = ? order by l.seq").param(proposalId)
                .query(LESSON_VIEW_ROWS).list();
    }

    /** One lesson, with the teacher's and the room's names. */
    Optional<ScheduledLesson> lesson(long lessonId) {
        return jdbc.sql(LESSON_VIEW + "where l.id = ?").param(lessonId).query(LESSON_VIEW_ROWS).optional();
    }

    private static OffsetDateTime business(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(BusinessTime.ZONE).toOffsetDateTime();
    }
}
