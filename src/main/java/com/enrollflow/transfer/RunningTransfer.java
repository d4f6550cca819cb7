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
        return number(contractId).map(no -> "正在转课（" + no + "），转课完成后才能");
    }

    /** The transfer's number (ZK000012). */
    Optional<String> number(long contractId) {
        return jdbc.sql("select transfer_no from transfer where open_contract_id = ?").param(contractId)
                .query(String.class).optional();
    }
}
