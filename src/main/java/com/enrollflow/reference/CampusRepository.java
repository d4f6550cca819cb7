package com.enrollflow.reference;

import java.util.List;
import java.util.Optional;

import com.enrollflow.common.RecordRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CampusRepository {

    /** Rows to records, snake_case columns to camelCase components (see RecordRowMapper). */
    private static final RowMapper<Campus> CAMPUS_ROWS = RecordRowMapper.of(Campus.class);

    private final JdbcClient jdbc;

    CampusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Campus> findActive() {
        return jdbc.sql("select code, name, city from campus where active = true order by code")
                .query(CAMPUS_ROWS).list();
    }

    public Optional<Campus> findActive(String code) {
        return jdbc.sql("select code, name, city from campus where code = ? and active = true")
                .param(code).query(CAMPUS_ROWS).optional();
    }

    /**
     * Whether a scope sees every active campus: head office and administrators, who keep what belongs to no campus in
     * particular and read "全部校区" where the others read their own.
     */
    /** The active campuses a scope sees (a user's own, or all for head office), in code order. */
    public List<Campus> findActiveSeenBy(Scope scope) {
        return findActive().stream().filter(c -> scope.seesCampus(c.code())).toList();
    }

    public boolean allSeenBy(Scope scope) {
        return scope.all() || findActive().stream().allMatch(c -> scope.seesCampus(c.code()));
    }

    public boolean exists(String code) {
        return findActive(code).isPresent();
    }

    public void save(Campus campus) {
        int updated = jdbc.sql("update campus set name = ?, city = ?, active = true where code = ?")
                .params(campus.name(), campus.city(), campus.code()).update();
        if (updated == 0) {
            jdbc.sql("insert into campus (code, name, city, active) values (?, ?, ?, true)")
                    .params(campus.code(), campus.name(), campus.city()).update();
        }
    }
}
