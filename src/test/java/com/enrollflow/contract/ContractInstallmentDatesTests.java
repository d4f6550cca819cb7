package com.enrollflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.PdfText;

/**
 * The installments a contract prints fall due counting from the day it is issued (in Beijing), the same day the
 * payment order counts from, whatever the server's clock says when the terms are read.
 */
@EnrollFlowTest
class ContractInstallmentDatesTests {

    @Autowired
    private ContractService contracts;

    @Autowired
    private ContractFixtures fixtures;

    @Test
    void shouldCountTheInstallmentsFromTheDayTheContractIsIssuedInBeijing() {
        long quoteId = fixtures.approvedQuote("BJ-HD", "测试学员", new BigDecimal("12345.00"));

        // 23:30 on 30 April in Beijing is 15:30 UTC: still 30 April for the family (a year no other test numbers in)
        Contract c = contracts.issue(quoteId, "liwei", OffsetDateTime.parse("2064-04-30T15:30:00Z"));

        String text = PdfText.of(contracts.document(c.id()).pdf());
        assertThat(text).contains("第1期2064年4月30日¥6,172.50", "第2期2064年5月30日¥6,172.50");
    }
}
