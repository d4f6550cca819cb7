package com.enrollflow.teacherchange;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractWork;

/** A teacher change running on a contract: the rest waits until its new schedule is confirmed. */
@Component
class RunningTeacherChange implements ContractWork {

    private final JdbcClient jdbc;

    RunningTeacherChange(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Kind kind() {
        return Kind.TEACHER_CHANGE;
    }

    @Override
    public Optional<String> runningOn(long contractId) {
        return number(contractId).map(no -> "正在更换教师（" + no + "），新课表确认后才能");
    }

    /** The teacher change's number. */
    Optional<String> number(long contractId) {
        return jdbc.sql("select teacher_change_no from teacher_change where open_contract_id = ?").param(contractId)
                .query(String.class).optional();
    }
}
