package com.enrollflow.scheduling;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.enrollflow.common.RecordRowMapper;

/** 1:1 classrooms (room). */
@Repository
public class RoomRepository {

    private static final RowMapper<Room> ROOM_ROWS = RecordRowMapper.of(Room.class);
    private static final String COLUMNS = "id, campus_code, name, active";

    private final JdbcClient jdbc;

    RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts or updates a room (upsert by id). */
    public void save(Room r) {
        int updated = jdbc.sql("update room set campus_code = ?, name = ?, active = ? where id = ?")
                .params(r.campusCode(), r.name(), r.active(), r.id()).update();
        if (updated == 0) {
            jdbc.sql("insert into room (id, campus_code, name, active) values (?, ?, ?, ?)")
                    .params(r.id(), r.campusCode(), r.name(), r.active()).update();
        }
    }

    public Optional<Room> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from room where id = ?").param(id).query(ROOM_ROWS).optional();
    }

    public List<Room> findAll() {
        return jdbc.sql("select " + COLUMNS + " from room order by campus_code, id").query(ROOM_ROWS).list();
    }

    public List<Room> findByCampus(String campusCode) {
        return jdbc.sql("select " + COLUMNS + " from room where campus_code = ? order by id").param(campusCode)
                .query(ROOM_ROWS).list();
    }

    /** Active rooms of the campus in id order: the order in which a free room is looked for. */
    public List<Room> activeRooms(String campusCode) {
        return jdbc.sql("select " + COLUMNS + " from room where campus_code = ? and active = true order by id")
                .param(campusCode).query(ROOM_ROWS).list();
    }
}
