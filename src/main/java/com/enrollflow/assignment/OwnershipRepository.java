package com.enrollflow.assignment;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ownership columns of the opportunity table. Every change is a conditional update on the state it expects
 * (open, this owner, unowned), so a rerun or a concurrent change updates nothing and says so.
 */
@Repository
class OwnershipRepository {

    private static final String COLUMNS = "id, customer_id, status, campus_code, product_line, team_id, owner_user, "
            + "first_owner, pool, assigned_at, first_contact_at, recycle_count, recycle_exempt";
    private static final RowMapper<Ownership> ROWS = (rs, n) -> new Ownership(rs.getLong("id"),
            rs.getLong("customer_id"), rs.getString("status"), rs.getString("campus_code"),
            rs.getString("product_line"), rs.getString("team_id"), rs.getString("owner_user"),
            rs.getString("first_owner"), rs.getString("pool"), rs.getObject("assigned_at", OffsetDateTime.class),
            rs.getObject("first_contact_at", OffsetDateTime.class), rs.getInt("recycle_count"),
            rs.getBoolean("recycle_exempt"));

    private final JdbcClient jdbc;

    OwnershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Ownership> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from opportunity where id = ?").param(id).query(ROWS).optional();
    }

    /** The row, locked until the transaction ends: claims and recycles of one opportunity queue up here. */
    Optional<Ownership> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from opportunity where id = ? for update").param(id).query(ROWS)
                .optional();
    }

    List<Ownership> openOwnedBy(String teamId, String userId) {
        return jdbc.sql("select " + COLUMNS + " from opportunity where team_id = ? and owner_user = ? "
                + "and status = 'OPEN' order by id").params(teamId, userId).query(ROWS).list();
    }

    /**
     * The opportunity enters a team: the intent agent's hold ends and, until a member owns it, repeat enquiries
     * go to the team's member group.
     */
    void joinTeam(long id, String teamId, String ownerGroup) {
        jdbc.sql("update opportunity set team_id = ?, owner_user = null, owner_group = ? where id = ? and status = 'OPEN'")
                .params(teamId, ownerGroup, id).update();
    }

    /** A public-pool claimer takes the opportunity into their own team on the campus. */
    void moveToTeam(long id, String teamId) {
        jdbc.sql("update opportunity set team_id = ? where id = ? and status = 'OPEN'").params(teamId, id).update();
    }

    /**
     * Gives the opportunity to a person: stage ASSIGNED, first owner kept. A claim keeps the pool until it is
     * confirmed, so that a released claim puts the lead back where it was.
     */
    boolean setOwner(long id, String userId, String ownerGroup, OffsetDateTime at, boolean leavePool) {
        return jdbc.sql("update opportunity set owner_user = ?, owner_group = ?, "
                + "pool = case when ? then null else pool end, "
                + "first_owner = coalesce(first_owner, ?), stage = case when stage in ('RECEIVED', 'VALID', 'INTENT') "
                + "then 'ASSIGNED' else stage end, assigned_at = coalesce(assigned_at, ?) where id = ? and status = 'OPEN'")
                .params(userId, ownerGroup, leavePool, userId, at, id).update() == 1;
    }

    /** Takes the opportunity from its owner; only if {@code fromUser} still holds it. */
    boolean clearOwner(long id, String fromUser, boolean countRecycle) {
        return jdbc.sql("update opportunity set owner_user = null, recycle_count = recycle_count + ? "
                + "where id = ? and status = 'OPEN' and owner_user = ?")
                .params(countRecycle ? 1 : 0, id, fromUser).update() == 1;
    }

    void leavePool(long id) {
        jdbc.sql("update opportunity set pool = null where id = ? and owner_user is not null").param(id).update();
    }

    void setPool(long id, String pool, String ownerGroup) {
        jdbc.sql("update opportunity set owner_user = null, pool = ?, owner_group = ? where id = ? and status = 'OPEN'")
                .params(pool, ownerGroup, id).update();
    }

    boolean recordFirstContact(long id, String userId, OffsetDateTime at) {
        return jdbc.sql("update opportunity set first_contact_at = coalesce(first_contact_at, ?), "
                + "last_progress_at = ? where id = ? and status = 'OPEN' and owner_user = ?")
                .params(at, at, id, userId).update() == 1;
    }

    void setExempt(long id, boolean exempt, String reason) {
        jdbc.sql("update opportunity set recycle_exempt = ?, recycle_exempt_reason = ? where id = ?")
                .params(exempt, exempt ? reason : null, id).update();
    }
}
