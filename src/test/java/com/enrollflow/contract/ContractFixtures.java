package com.enrollflow.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.testsupport.Leads;

/**
 * Quotes for contract tests. The only way tests get contract terms: today backed by {@link FakeContractTerms}
 * (a real customer and opportunity, the quote in memory); to be re-implemented on real quotes of the pricing module.
 */
@Component
public class ContractFixtures {

    static final int LESSONS = 40;
    static final BigDecimal STANDARD_DISCOUNT = new BigDecimal("1000.00");
    static final BigDecimal EXTRA_DISCOUNT = new BigDecimal("500.00");
    static final String DISCOUNT_REASON = "老学员续费";

    private final FakeContractTerms terms;
    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;
    private final CampusRepository campuses;
    private final Clock clock;

    ContractFixtures(FakeContractTerms terms, CustomerRepository customers, OpportunityRepository opportunities,
            CampusRepository campuses, Clock clock) {
        this.terms = terms;
        this.customers = customers;
        this.opportunities = opportunities;
        this.campuses = campuses;
        this.clock = clock;
    }

    /**
     * A quote with every approval given, for a new customer's one-to-one opportunity at the campus: two math courses,
     * 40 lessons, standard discount ¥1,000.00, special discount ¥500.00 (老学员续费), the final price paid in two
     * instalments. Returns the quote id.
     */
    public long approvedQuote(String campusCode, String customerName, BigDecimal finalPrice) {
        long quoteId = terms.nextQuoteId();
        terms.approved(terms(quoteId, campusCode, customerName, finalPrice.setScale(2)));
        return quoteId;
    }

    /** A quote whose special discount still waits for the campus director: the port refuses it. */
    public long quoteAwaitingApproval(String campusCode) {
        long quoteId = terms.nextQuoteId();
        terms.awaitingApproval(quoteId);
        return quoteId;
    }

    private ContractTerms terms(long quoteId, String campusCode, String customerName, BigDecimal finalPrice) {
        Campus campus = campuses.findActive(campusCode).orElseThrow();
        String phone = "+86" + Leads.newPhone();
        long customerId = customers.insert(customerName, phone, null, OffsetDateTime.now(clock));
        long opportunityId = opportunities.insert(new NewOpportunity(customerId, "PHONE", null, campusCode,
                "ONE_ON_ONE", "J2", "MATH", "中考数学提分", "consultant", OffsetDateTime.now(clock)));

        BigDecimal first = finalPrice.multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal second = finalPrice.subtract(first);
        List<ContractTerms.Line> lines = List.of(
                new ContractTerms.Line("初中数学一对一（资深教师）", 24, first.add(new BigDecimal("900.00")), first,
                        perLesson(first, 24)),
                new ContractTerms.Line("初中数学一对一（标准教师）", 16, second.add(new BigDecimal("600.00")), second,
                        perLesson(second, 16)));
        BigDecimal half = finalPrice.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        List<ContractTerms.Installment> plan = List.of(new ContractTerms.Installment(1, today, half),
                new ContractTerms.Installment(2, today.plusDays(30), finalPrice.subtract(half)));
        return new ContractTerms(quoteId, opportunityId, customerId, customerName, phone, campusCode, campus.name(),
                "一对一", lines, finalPrice.add(STANDARD_DISCOUNT).add(EXTRA_DISCOUNT), STANDARD_DISCOUNT,
                EXTRA_DISCOUNT, DISCOUNT_REASON, finalPrice, LESSONS, perLesson(finalPrice, LESSONS), plan,
                List.of("销售主管 孙强 同意特批优惠 ¥500.00", "校区校长 周华 同意分期付款"));
    }

    private static BigDecimal perLesson(BigDecimal amount, int lessons) {
        return amount.divide(BigDecimal.valueOf(lessons), 2, RoundingMode.HALF_UP);
    }
}
