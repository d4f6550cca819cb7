package com.enrollflow.renewal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.ContractWork;

/**
 * A renewal of the contract the family agreed to and that is still being sold (plan, contract, payment): a new
 * contract would be sold to a family taking its money back, so a refund waits until the consultant gives it up.
 */
@Component
class AgreedRenewal implements ContractWork {

    private final JdbcClient jdbc;

    AgreedRenewal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Kind kind() {
        return Kind.AGREED_RENEWAL;
    }

    @Override
    public Optional<String> runningOn(long contractId) {
        // agreed: 续费沟通 recorded 续费 (RENEWAL_AGREED on the renewal's timeline); open: not yet renewed or given up
        return jdbc.sql("select r.renewal_no from renewal r where r.open_contract_id = ? and r.status = 'OPEN' "
                + "and exists (select 1 from timeline_event e where e.opportunity_id = r.opportunity_id "
                + "and e.event_type = 'RENEWAL_AGREED')").param(contractId).query(String.class).optional()
                .map(no -> "的家长已同意续费（" + no + "），请先由顾问在续费流程中放弃续费方案，再");
    }
}
