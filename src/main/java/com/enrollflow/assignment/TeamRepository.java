package com.enrollflow.assignment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.enrollflow.common.DatabaseProduct;
import com.enrollflow.common.Upserts;

/** Sales teams and their members (sales_team, team_member), and the figures the strategies compare. */
@Repository
public class TeamRepository {

    private static final String TEAM_COLUMNS =
            "id, name, campus_code, product_line, strategy, member_group, claim_hold_cap, active";
    private static final RowMapper<Team> TEAM_ROWS = (rs, n) -> new Team(rs.getString("id"), rs.getString("name"),
            rs.getString("campus_code"), rs.getString("product_line"),
            AssignmentStrategy.valueOf(rs.getString("strategy")), rs.getString("member_group"),
            rs.getInt("claim_hold_cap"), rs.getBoolean("active"));
    private static final String MEMBER_COLUMNS = "team_id, user_id, status, capacity, last_assigned_at, joined_at";
    private static final RowMapper<TeamMember> MEMBER_ROWS = (rs, n) -> new TeamMember(rs.getString("team_id"),
            rs.getString("user_id"), MemberStatus.valueOf(rs.getString("status")), rs.getInt("capacity"),
            rs.getObject("last_assigned_at", OffsetDateTime.class), rs.getObject("joined_at", OffsetDateTime.class));

    /** Conversion rate with a prior of 1 won in 4 closed, so a new member is neither starved nor flooded. */
    private static final BigDecimal PRIOR_WON = BigDecimal.ONE;
    private static final BigDecimal PRIOR_CLOSED = BigDecimal.valueOf(4);

    private final JdbcClient jdbc;

    /** Saving a team or a member twice at the same moment keeps one row (two supervisors, two nodes seeding). */
    private final Upserts upserts;

    /**
     * How a team's row is locked for its hand-overs: on PostgreSQL {@code for no key update}, which leaves the row's
     * key to the foreign-key checks of every write that names the team (an assignment's update of its opportunity);
     * H2 has only {@code for update}, and its foreign-key checks take no row lock.
     */
    private final String teamLock;

    TeamRepository(JdbcClient jdbc, Upserts upserts, DataSource dataSource) {
        this.jdbc = jdbc;
        this.upserts = upserts;
        this.teamLock = DatabaseProduct.isPostgres(dataSource) ? "for no key update" : "for update";
    }

    public List<Team> findAll() {
        return jdbc.sql("select " + TEAM_COLUMNS + " from sales_team order by id").query(TEAM_ROWS).list();
    }

    public Optional<Team> find(String id) {
        return jdbc.sql("select " + TEAM_COLUMNS + " from sales_team where id = ?").param(id).query(TEAM_ROWS)
                .optional();
    }

    /** Inserts or updates a team (upsert by id). */
    public void save(Team t) {
        upserts.upsert(() -> jdbc.sql("update sales_team set name = ?, campus_code = ?, product_line = ?, "
                + "strategy = ?, member_group = ?, claim_hold_cap = ?, active = ? where id = ?")
                .params(t.name(), t.campusCode(), t.productLine(), t.strategy().name(), t.memberGroup(),
                        t.claimHoldCap(), t.active(), t.id())
                .update(),
                () -> jdbc.sql("insert into sales_team (id, name, campus_code, product_line, strategy, member_group, "
                        + "claim_hold_cap, active) values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(t.id(), t.name(), t.campusCode(), t.productLine(), t.strategy().name(),
                                t.memberGroup(), t.claimHoldCap(), t.active())
                        .update());
    }

    /** Whether the team has ever had a member or an opportunity: what it is (校区 × 产品线, 成员组) is then fixed. */
    public boolean inUse(String teamId) {
        return jdbc.sql("select case when exists (select 1 from team_member where team_id = ?) "
                + "or exists (select 1 from opportunity where team_id = ?) then 1 else 0 end")
                .params(teamId, teamId).query(Integer.class).single() == 1;
    }

    public List<TeamMember> members(String teamId) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from team_member where team_id = ? order by user_id")
                .param(teamId).query(MEMBER_ROWS).list();
    }

    public Optional<TeamMember> member(String teamId, String userId) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from team_member where team_id = ? and user_id = ?")
                .params(teamId, userId).query(MEMBER_ROWS).optional();
    }

    /**
     * The team's row, locked until the transaction ends: hand-overs of one team take turns (they lock receiving
     * members one lead at a time, in an order no one can foresee). Readers and recycles do not take it.
     */
    public void lockTeam(String teamId) {
        jdbc.sql("select id from sales_team where id = ? " + teamLock).param(teamId).query(String.class).optional();
    }

    /**
     * The member's row, locked until the transaction ends: every ownership change of a member in a team
     * takes this lock first, so two assignments at once cannot both see room below the capacity.
     */
    public Optional<TeamMember> lockMember(String teamId, String userId) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from team_member where team_id = ? and user_id = ? for update")
                .params(teamId, userId).query(MEMBER_ROWS).optional();
    }

    /** Inserts or updates a member (upsert by team and user); keeps the joined and last-assigned times. */
    public void saveMember(String teamId, String userId, MemberStatus status, int capacity, OffsetDateTime now) {
        upserts.upsert(() -> jdbc.sql("update team_member set status = ?, capacity = ? where team_id = ? "
                + "and user_id = ?").params(status.name(), capacity, teamId, userId).update(),
                () -> jdbc.sql("insert into team_member (team_id, user_id, status, capacity, joined_at) "
                        + "values (?, ?, ?, ?, ?)").params(teamId, userId, status.name(), capacity, now).update());
    }

    public void setStatus(String teamId, String userId, MemberStatus status) {
        jdbc.sql("update team_member set status = ? where team_id = ? and user_id = ?")
                .params(status.name(), teamId, userId).update();
    }

    void touchLastAssigned(String teamId, String userId, OffsetDateTime at) {
        jdbc.sql("update team_member set last_assigned_at = ? where team_id = ? and user_id = ?")
                .params(at, teamId, userId).update();
    }

    /** Open opportunities the member holds in the team (在跟商机). */
    /** Open opportunities per member of the team, in one query (members without any are absent). */
    public java.util.Map<String, Integer> openCounts(String teamId) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("select owner_user, count(*) from opportunity where team_id = ? and status = 'OPEN' "
                + "and owner_user is not null group by owner_user").param(teamId)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return counts;
    }

    public int openCount(String teamId, String userId) {
        return jdbc.sql("select count(*) from opportunity where team_id = ? and owner_user = ? and status = 'OPEN'")
                .params(teamId, userId).query(Integer.class).single();
    }

    /** Claimed or assigned leads the member has not made first contact with yet. */
    int heldUncontacted(String teamId, String userId) {
        return jdbc.sql("select count(*) from opportunity where team_id = ? and owner_user = ? and status = 'OPEN' "
                + "and first_contact_at is null").params(teamId, userId).query(Integer.class).single();
    }

    /** Active members of every active team of the campus: who may claim from its public pool (公海). */
    public List<String> activeCampusMembers(String campusCode) {
        return jdbc.sql("select distinct m.user_id from team_member m join sales_team t on t.id = m.team_id "
                + "where t.campus_code = ? and t.active = true and m.status = 'ACTIVE' order by m.user_id")
                .param(campusCode).query(String.class).list();
    }

    /** 离职 or 休假 in every team of the campus the user belongs to; a user in no team of the campus has not left. */
    boolean leftCampus(String campusCode, String userId) {
        return jdbc.sql("select count(*) filter (where m.status = 'ACTIVE'), count(*) from team_member m "
                + "join sales_team t on t.id = m.team_id where t.campus_code = ? and m.user_id = ?")
                .params(campusCode, userId).query((rs, n) -> rs.getInt(1) == 0 && rs.getInt(2) > 0).single();
    }

    /** Each member with the figures the strategies compare; past owners of the opportunity marked. */
    List<MemberFigures> figures(String teamId, long opportunityId, OffsetDateTime batchStart) {
        return jdbc.sql("select m.user_id, m.status, m.capacity, m.last_assigned_at, "
                + "(select count(*) from opportunity o where o.team_id = m.team_id and o.owner_user = m.user_id "
                + "  and o.status = 'OPEN') open_count, "
                + "(select count(*) from assignment_event e where e.team_id = m.team_id and e.to_user = m.user_id "
                + "  and e.kind in ('ASSIGNED', 'DESIGNATED', 'CLAIMED', 'HANDED_OVER') and e.occurred_at >= ?) "
                + "  assigned_in_batch, "
                + "(select count(*) from opportunity o where o.team_id = m.team_id and o.owner_user = m.user_id "
                + "  and o.status = 'WON') won, "
                + "(select count(*) from opportunity o where o.team_id = m.team_id and o.owner_user = m.user_id "
                + "  and o.status <> 'OPEN') closed, "
                + "(select count(*) from assignment_event e where e.opportunity_id = ? and e.to_user = m.user_id) "
                + "  owned_before "
                + "from team_member m where m.team_id = ? order by m.user_id")
                .params(batchStart, opportunityId, teamId)
                .query((rs, n) -> new MemberFigures(rs.getString("user_id"), MemberStatus.valueOf(rs.getString("status")),
                        rs.getInt("capacity"), rs.getInt("open_count"), rs.getInt("assigned_in_batch"),
                        rs.getObject("last_assigned_at", OffsetDateTime.class),
                        conversionRate(rs.getInt("won"), rs.getInt("closed")), rs.getInt("owned_before") > 0))
                .list();
    }

    static BigDecimal conversionRate(int won, int closed) {
        return BigDecimal.valueOf(won).add(PRIOR_WON)
                .divide(BigDecimal.valueOf(closed).add(PRIOR_CLOSED), 4, RoundingMode.HALF_EVEN);
    }

    record MemberFigures(String userId, MemberStatus status, int capacity, int openCount, int assignedInBatch,
            OffsetDateTime lastAssignedAt, BigDecimal conversionRate, boolean ownedBefore) {
    }
}
