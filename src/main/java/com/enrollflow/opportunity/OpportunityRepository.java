package com.enrollflow.opportunity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.enrollflow.common.RecordRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class OpportunityRepository {

    /** Rows to records, snake_case columns to camelCase components (see RecordRowMapper). */
    private static final RowMapper<Opportunity> OPPORTUNITY_ROWS = RecordRowMapper.of(Opportunity.class);

    private static final String COLUMNS = "id, customer_id, status, stage, channel, campaign, campus_code, "
            + "product_line, grade, subject, goal, study_habits, budget, start_plan, intent_level, "
            + "suggested_intent_level, owner_user, owner_group, contact_attempts, split_from_id, "
            + "process_instance_id, received_at, valid_at, intent_at, assigned_at, closed_at, close_reason, "
            + "agreed_at, visited_at, planned_at, paid_at, enrolled_at, call_centre";

    private final JdbcClient jdbc;

    OpportunityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The slot an open opportunity holds: one per customer and product line (uq_opportunity_open_slot). */
    static String openSlot(long customerId, String productLine) {
        return customerId + ":" + (productLine == null ? "ANY" : productLine);
    }

    public long insert(NewOpportunity o) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, open_slot, channel, campaign, campus_code, "
                + "product_line, grade, subject, goal, owner_group, received_at, call_centre) "
                + "values (?, 'OPEN', 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.customerId(), openSlot(o.customerId(), o.productLine()), o.channel(), o.campaign(),
                        o.campusCode(), o.productLine(), o.grade(), o.subject(), o.goal(), o.ownerGroup(),
                        o.receivedAt(), o.campusCode() == null ? o.callCentre() : null)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Opportunity> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from opportunity where id = ?")
                .param(id).query(OPPORTUNITY_ROWS).optional();
    }

    public Opportunity get(long id) {
        return findById(id).orElseThrow(() -> new IllegalStateException("opportunity " + id + " does not exist"));
    }

    public List<Opportunity> findOpenByCustomer(long customerId) {
        return jdbc.sql("select " + COLUMNS + " from opportunity where customer_id = ? and status = 'OPEN' order by id")
                .param(customerId).query(OPPORTUNITY_ROWS).list();
    }

    public List<Opportunity> findByCustomer(long customerId) {
        return jdbc.sql("select " + COLUMNS + " from opportunity where customer_id = ? order by id")
                .param(customerId).query(OPPORTUNITY_ROWS).list();
    }

    public void setProcessInstance(long id, String processInstanceId) {
        jdbc.sql("update opportunity set process_instance_id = ? where id = ?").params(processInstanceId, id).update();
    }

    public int addFailedContactAttempt(long id) {
        jdbc.sql("update opportunity set contact_attempts = contact_attempts + 1 where id = ? and status = 'OPEN'")
                .param(id).update();
        return get(id).contactAttempts();
    }

    /** Reachable and correct: stage VALID (once), and the agent holds the lead until it is distributed. */
    public boolean markValid(long id, String agent, OffsetDateTime at) {
        return jdbc.sql("update opportunity set stage = case when stage = 'RECEIVED' then 'VALID' else stage end, "
                + "valid_at = coalesce(valid_at, ?), owner_user = ? where id = ? and status = 'OPEN'")
                .params(at, agent, id).update() == 1;
    }

    public boolean close(long id, OpportunityStatus status, String reason, OffsetDateTime at) {
        return jdbc.sql("update opportunity set status = ?, open_slot = null, closed_at = ?, close_reason = ? "
                + "where id = ? and status = 'OPEN'")
                .params(status.name(), at, reason, id).update() == 1;
    }

    /** Intent confirmed: the opportunity takes its product line slot and the INTENT stage (once). */
    public boolean qualify(long id, long customerId, IntentAnswers a, OffsetDateTime at) {
        String productLine = a.productLine().name();
        return jdbc.sql("update opportunity set stage = 'INTENT', intent_at = coalesce(intent_at, ?), "
                + "open_slot = ?, product_line = ?, grade = ?, subject = ?, goal = ?, study_habits = ?, budget = ?, "
                + "start_plan = ?, campus_code = ?, intent_level = ?, suggested_intent_level = ? "
                + "where id = ? and status = 'OPEN'")
                .params(at, openSlot(customerId, productLine), productLine, name(a.grade()), name(a.subject()),
                        a.goal(), a.studyHabits(), a.budget(), a.startPlan(), a.campusCode(),
                        name(a.confirmedLevel()), name(a.suggestedLevel()), id)
                .update() == 1;
    }

    /** A second opportunity for the other product line, already at INTENT, copying the funnel history. */
    public long insertSplit(Opportunity from, IntentAnswers a) {
        KeyHolder keys = new GeneratedKeyHolder();
        String productLine = a.productLine().name();
        jdbc.sql("insert into opportunity (customer_id, status, stage, open_slot, channel, campaign, campus_code, "
                + "product_line, grade, subject, goal, study_habits, budget, start_plan, intent_level, "
                + "suggested_intent_level, owner_user, owner_group, split_from_id, received_at, valid_at, intent_at) "
                + "values (?, 'OPEN', 'INTENT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(from.customerId(), openSlot(from.customerId(), productLine), from.channel(), from.campaign(),
                        a.campusCode(), productLine, name(a.grade()), name(a.subject()), a.goal(), a.studyHabits(),
                        a.budget(), a.startPlan(), name(a.confirmedLevel()), name(a.suggestedLevel()),
                        from.ownerUser(), from.ownerGroup(), from.id(), from.receivedAt(), from.validAt(),
                        from.intentAt())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public long insertRenewal(Opportunity from, String ownerUser, String ownerGroup, OffsetDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campaign, campus_code, product_line, "
                + "grade, subject, goal, intent_level, owner_user, first_owner, owner_group, renewal_of_id, "
                + "received_at, valid_at, intent_at, assigned_at) "
                + "values (?, 'OPEN', 'ASSIGNED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(from.customerId(), from.channel(), from.campaign(), from.campusCode(), from.productLine(),
                        from.grade(), from.subject(), from.goal(), from.intentLevel(), ownerUser, ownerUser,
                        ownerGroup, from.id(), now, now, now, ownerUser == null ? null : now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The opportunity a renewal's opportunity renews; empty for any other. */
    public java.util.Optional<Long> renewalOf(long id) {
        return jdbc.sql("select renewal_of_id from opportunity where id = ? and renewal_of_id is not null").param(id)
                .query(Long.class).optional();
    }

    public void handOverRenewal(long id, String from, String to) {
        jdbc.sql("update opportunity set owner_user = ? where id = ? and owner_user = ? and status = 'OPEN' "
                + "and renewal_of_id is not null").params(to, id, from).update();
    }

    public void takeRenewal(long id, String userId, String grade, OffsetDateTime now) {
        jdbc.sql("update opportunity set owner_user = coalesce(owner_user, ?), first_owner = coalesce(first_owner, ?), "
                + "assigned_at = coalesce(assigned_at, ?), grade = ? where id = ? and renewal_of_id is not null")
                .params(userId, userId, now, grade, id).update();
    }

    public boolean assign(long id, String ownerUser, String ownerGroup, OffsetDateTime at) {
        return jdbc.sql("update opportunity set owner_user = ?, owner_group = ?, stage = 'ASSIGNED', "
                + "assigned_at = coalesce(assigned_at, ?) where id = ? and status = 'OPEN'")
                .params(ownerUser, ownerGroup, at, id).update() == 1;
    }

    /**
     * Records that the opportunity reached a later funnel stage: the stage's timestamp is written once (a rerun
     * keeps the first), and the stage column only ever moves forward.
     */
    public boolean reachStage(long id, FunnelStage stage, OffsetDateTime at) {
        String earlier = java.util.Arrays.stream(FunnelStage.values()).filter(s -> s.ordinal() < stage.ordinal())
                .map(s -> "'" + s.name() + "'").collect(java.util.stream.Collectors.joining(", "));
        return jdbc.sql("update opportunity set stage = case when stage in (" + earlier + ") then ? else stage end, "
                + stage.column() + " = coalesce(" + stage.column() + ", ?) where id = ? and " + stage.column()
                + " is null")
                .params(stage.name(), at, id).update() == 1;
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
