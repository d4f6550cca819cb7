package com.enrollflow.suspension;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractWork;

/**
 * A suspension registered on a contract and not yet resumed: it may have begun or lie ahead, and either way the
 * contract's lessons are not to be moved until it is resumed.
 */
@Component
class RegisteredSuspension implements ContractWork {

    private final JdbcClient jdbc;

    RegisteredSuspension(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Kind kind() {
        return Kind.SUSPENSION;
    }

    @Override
    public Optional<String> runningOn(long contractId) {
        return period(contractId).map(period -> "已登记停课（" + period + "），请复课后再");
    }

    /** The period as staff read it ("2026-12-05 至 2026-12-09"). */
    Optional<String> period(long contractId) {
        return jdbc.sql("select starts_on, ends_on from suspension where open_contract_id = ?").param(contractId)
                .query((rs, n) -> rs.getObject("starts_on", LocalDate.class) + " 至 "
                        + rs.getObject("ends_on", LocalDate.class)).optional();
    }
}
