package com.enrollflow.contract;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.NotFoundException;

/**
 * Test stand-in for the pricing module's port: quotes held in memory. Tests never use it directly, only through
 * {@link ContractFixtures}, so the fixtures can move to real quotes once pricing exists.
 */
@Component
public class FakeContractTerms implements ContractTermsSource {

    private final Map<Long, ContractTerms> approved = new ConcurrentHashMap<>();
    private final Set<Long> awaitingApproval = ConcurrentHashMap.newKeySet();
    private final AtomicLong quoteIds = new AtomicLong(1_000_000);

    long nextQuoteId() {
        return quoteIds.incrementAndGet();
    }

    void approved(ContractTerms terms) {
        approved.put(terms.quoteId(), terms);
    }

    void awaitingApproval(long quoteId) {
        awaitingApproval.add(quoteId);
    }

    @Override
    public ContractTerms approvedTerms(long quoteId) {
        ContractTerms terms = approved.get(quoteId);
        if (terms != null) {
            return terms;
        }
        if (awaitingApproval.contains(quoteId)) {
            throw new ConflictException(409, "报价 " + quoteId + " 的特批优惠尚未经校区校长审批，不能生成合同");
        }
        throw new NotFoundException("报价不存在：" + quoteId);
    }
}
