package com.enrollflow.transfer;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractWork;

/** A transfer running on a contract (its schedule or its difference not yet done): the rest waits until it is. */
@Component
class RunningTransfer implements ContractWork {

    private final JdbcClient jdbc;

    RunningTransfer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Kind kind() {
        return Kind.TRANSFER;
    }

    @Override
    public Optional<String> runningOn(long contractId) {
        return running(contractId).map(t -> "正在" + t.what() + "（" + t.number() + "），" + t.what() + "完成后才能");
    }

    /** The running transfer's number (ZK000012) and what it is (转课 or 转班). */
    record Running(String number, String what) {
    }

    Optional<Running> running(long contractId) {
        return jdbc.sql("select transfer_no, kind from transfer where open_contract_id = ?").param(contractId)
                .query((rs, n) -> new Running(rs.getString(1), Transfer.Kind.valueOf(rs.getString(2)).label()))
                .optional();
    }
}
