package com.enrollflow.assignment;

import com.enrollflow.reference.Scope;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The assignment history of every opportunity (assignment_event). */
@Repository
public class AssignmentEventRepository {

    /** One entry of an opportunity's assignment history. */
    public record Entry(long opportunityId, String teamId, AssignmentEventKind kind, String fromUser, String toUser,
            String strategy, String reason, String considered, String actor, OffsetDateTime occurredAt) {

        public String kindLabel() {
            return kind.label();
        }
    }

    private final JdbcClient jdbc;

    AssignmentEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Entry e) {
        jdbc.sql("insert into assignment_event (opportunity_id, team_id, kind, from_user, to_user, strategy, reason, "
                + "considered, actor, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.opportunityId(), e.teamId(), e.kind().name(), e.fromUser(), e.toUser(), e.strategy(),
                        clip(e.reason(), 1000), clip(e.considered(), 4000), e.actor(), e.occurredAt())
                .update();
    }

    public List<Entry> forOpportunity(long opportunityId) {
        return jdbc.sql("select opportunity_id, team_id, kind, from_user, to_user, strategy, reason, considered, actor, "
                + "occurred_at from assignment_event where opportunity_id = ? order by occurred_at, id")
                .param(opportunityId).query(AssignmentEventRepository::entry).list();
    }

    /** Events in [from, to), optionally of one team: the source of the activity counts. */
    /** Events of the period (of one team, or all), of the opportunities within the scope (校区数据范围). */
    public List<Entry> between(OffsetDateTime from, OffsetDateTime to, String teamId, Scope scope) {
        return scope.bind(jdbc.sql("select e.opportunity_id, e.team_id, e.kind, e.from_user, e.to_user, e.strategy, "
                + "e.reason, null as considered, e.actor, e.occurred_at from assignment_event e "
                + "join opportunity o on o.id = e.opportunity_id "
                + "where e.occurred_at >= :from and e.occurred_at < :to "
                + "and (cast(:team as varchar(32)) is null or e.team_id = :team) and "
                + scope.opportunityCondition("o.") + " order by e.occurred_at, e.id"))
                .param("from", from).param("to", to).param("team", teamId)
                .query(AssignmentEventRepository::entry).list();
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong("opportunity_id"), rs.getString("team_id"),
                AssignmentEventKind.valueOf(rs.getString("kind")), rs.getString("from_user"), rs.getString("to_user"),
                rs.getString("strategy"), rs.getString("reason"), rs.getString("considered"), rs.getString("actor"),
                rs.getObject("occurred_at", OffsetDateTime.class));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
