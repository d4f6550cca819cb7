package com.enrollflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * Contract numbers: per campus and year, without gaps or duplicates, also under concurrency and failures. Each test
 * works in years of its own, so the tests do not see each other's numbers.
 */
@EnrollFlowTest
class ContractNumberingTests {

    @Autowired
    ContractService contracts;
    @Autowired
    ContractFixtures fixtures;
    @Autowired
    JdbcClient jdbc;

    private long quote(String campus) {
        return fixtures.approvedQuote(campus, "测试学员", new BigDecimal("12345.00"));
    }

    private static OffsetDateTime in(int year) {
        return OffsetDateTime.parse(year + "-05-01T10:00:00+08:00");
    }

    private int lastNumber(String campus, int year) {
        return jdbc.sql("select coalesce(max(last_number), 0) from contract_counter where campus_code = ? "
                + "and contract_year = ?").params(campus, year).query(Integer.class).single();
    }

    @Test
    void shouldNumberSequentiallyPerCampusAndStartAgainForEachCampusAndYear() {
        Contract first = contracts.issue(quote("BJ-HD"), "liwei", in(2071));
        Contract second = contracts.issue(quote("BJ-HD"), "liwei", in(2071));
        Contract otherCampus = contracts.issue(quote("BJ-CY"), "zhoujie", in(2071));
        Contract nextYear = contracts.issue(quote("BJ-HD"), "liwei", in(2072));
        Contract third = contracts.issue(quote("BJ-HD"), "chenjing", in(2071));

        assertThat(List.of(first, second, otherCampus, nextYear, third)).extracting(Contract::number)
                .containsExactly("BJ-HD-2071-00001", "BJ-HD-2071-00002", "BJ-CY-2071-00001", "BJ-HD-2072-00001",
                        "BJ-HD-2071-00003");
        assertThat(third.campusCode()).isEqualTo("BJ-HD");
        assertThat(third.year()).isEqualTo(2071);
        assertThat(third.seq()).isEqualTo(3);
        assertThat(third.status()).isEqualTo("ISSUED");
        assertThat(third.issuedBy()).isEqualTo("chenjing");
        assertThat(third.finalPrice()).isEqualByComparingTo("12345.00");
        assertThat(third.sha256()).hasSize(64);
        assertThat(third.pdfSize()).isPositive();
        assertThat(contracts.find(third.id())).contains(third);
    }

    @Test
    void shouldTakeTheContractYearFromBeijingTime() {
        // 16:30 UTC on New Year's Eve is already 00:30 on 1 January in Beijing
        Contract newYear = contracts.issue(quote("SH-XH"), "sunli", OffsetDateTime.parse("2072-12-31T16:30:00Z"));
        Contract lastMinute = contracts.issue(quote("SH-XH"), "sunli", OffsetDateTime.parse("2073-12-31T15:59:00Z"));

        assertThat(newYear.number()).isEqualTo("SH-XH-2073-00001");
        assertThat(lastMinute.number()).isEqualTo("SH-XH-2073-00002");
        assertThat(lastNumber("SH-XH", 2072)).isZero();
    }

    @Test
    void shouldGiveSixteenConcurrentIssuesOfOneCampusTheNumbersOneToSixteen() throws Exception {
        List<Long> quotes = IntStream.range(0, 16).mapToObj(i -> quote("SH-PD")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Contract>> issued = new ArrayList<>();
            for (long q : quotes) {
                issued.add(pool.submit(() -> {
                    start.await();
                    return contracts.issue(q, "xuming", in(2074));
                }));
            }
            start.countDown();
            List<Contract> result = new ArrayList<>();
            for (Future<Contract> f : issued) {
                result.add(f.get(60, TimeUnit.SECONDS));
            }

            assertThat(result).extracting(Contract::seq).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 16).boxed().toList());
            assertThat(result).extracting(Contract::number).doesNotHaveDuplicates()
                    .contains("SH-PD-2074-00001", "SH-PD-2074-00016");
            assertThat(result).extracting(Contract::quoteId).containsExactlyInAnyOrderElementsOf(quotes);
            assertThat(lastNumber("SH-PD", 2074)).isEqualTo(16);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldGiveTheNumberBackWhenTheContractFailsAfterDrawingIt() {
        assertThat(contracts.issue(quote("SH-PD"), "xuming", in(2075)).number()).isEqualTo("SH-PD-2075-00001");
        long unlucky = quote("SH-PD");
        AtomicReference<String> drawn = new AtomicReference<>();
        ContractPdf jammed = new ContractPdf("测试") {
            @Override
            public byte[] render(String number, ContractTerms terms, OffsetDateTime issuedAt) {
                drawn.set(number);
                throw new IllegalStateException("PDF 生成失败");
            }
        };

        assertThatThrownBy(() -> contracts.issue(unlucky, "xuming", in(2075), jammed))
                .hasMessageContaining("PDF 生成失败");

        assertThat(drawn.get()).isEqualTo("SH-PD-2075-00002");
        assertThat(contracts.forQuote(unlucky)).isEmpty();
        assertThat(lastNumber("SH-PD", 2075)).isEqualTo(1);
        assertThat(contracts.issue(quote("SH-PD"), "xuming", in(2075)).number()).isEqualTo("SH-PD-2075-00002");
        assertThat(contracts.issue(unlucky, "xuming", in(2075)).number()).isEqualTo("SH-PD-2075-00003");
    }

    @Test
    void shouldReturnTheSameContractWhenAQuoteIsIssuedAgain() {
        long quote = quote("BJ-CY");
        Contract first = contracts.issue(quote, "zhoujie", in(2076));

        Contract again = contracts.issue(quote, "wuyan", in(2076));
        Contract nextYear = contracts.issue(quote, "wuyan", in(2077));

        assertThat(again).isEqualTo(first);
        assertThat(nextYear).isEqualTo(first);
        assertThat(again.issuedBy()).isEqualTo("zhoujie");
        assertThat(lastNumber("BJ-CY", 2076)).isEqualTo(1);
        assertThat(lastNumber("BJ-CY", 2077)).isZero();
        assertThat(contracts.forQuote(quote)).contains(first);
        assertThat(contracts.forOpportunity(first.opportunityId())).containsExactly(first);
    }

    @Test
    void shouldStoreNothingAndUseNoNumberWhenTheQuoteIsNotApproved() {
        long pending = fixtures.quoteAwaitingApproval("BJ-CY");

        assertThatThrownBy(() -> contracts.issue(pending, "zhoujie", in(2078)))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("审批");

        assertThat(contracts.forQuote(pending)).isEmpty();
        assertThat(lastNumber("BJ-CY", 2078)).isZero();
        assertThat(contracts.issue(quote("BJ-CY"), "zhoujie", in(2078)).number()).isEqualTo("BJ-CY-2078-00001");
    }

    @Test
    void shouldKeepTheNumberOfACancelledContractUsed() {
        long quote = quote("SH-XH");
        Contract issued = contracts.issue(quote, "sunli", in(2079));

        Contract cancelled = contracts.cancel(issued.id(), "客户改报班课，重新报价", "sunqiang");

        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(cancelled.number()).isEqualTo("SH-XH-2079-00001");
        assertThat(contracts.issue(quote("SH-XH"), "sunli", in(2079)).number()).isEqualTo("SH-XH-2079-00002");
        assertThat(contracts.issue(quote, "sunli", in(2079))).isEqualTo(cancelled);
        assertThatThrownBy(() -> contracts.cancel(issued.id(), "再次作废", "sunqiang"))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageContaining("已作废");
        assertThatThrownBy(() -> contracts.cancel(issued.id(), " ", "sunqiang"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("reason"));
        assertThatThrownBy(() -> contracts.cancel(Long.MAX_VALUE, "不存在", "sunqiang"))
                .hasMessageContaining("合同不存在");
    }
}
