package com.enrollflow.contract;

import org.springframework.stereotype.Component;

import com.enrollflow.opportunity.Families;

/**
 * Whose contract a request was filed against, as the desk reads it after 启动: 王小明（合同 BJ-HD-2026-00038）. The
 * start forms of after-sales take 合同编号或家长手机号, and a desk that typed only the parent's phone learns here which
 * family and which contract the system found.
 */
@Component
public class ContractHolders {

    private final Families families;
    private final ContractService contracts;

    ContractHolders(Families families, ContractService contracts) {
        this.families = families;
        this.contracts = contracts;
    }

    /** The family of {@code opportunityId} and the number of {@code contractId}: 王小明（合同 BJ-HD-2026-00038）. */
    public String of(long opportunityId, long contractId) {
        String number = contracts.find(contractId).map(Contract::number).orElse(String.valueOf(contractId));
        return families.of(opportunityId).name() + "（合同 " + number + "）";
    }
}
