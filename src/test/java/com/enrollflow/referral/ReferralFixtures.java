package com.enrollflow.referral;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractFixtures;
import com.enrollflow.contract.ContractService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.Sales;

/** Referrers with or without a contract in force, referred families linked to them, all at BJ-HD. */
@Component
class ReferralFixtures {

    private final TeachingTestSupport teaching;
    private final Sales sales;
    private final ContractFixtures contractFixtures;
    private final ContractService contracts;
    private final Referrals referrals;
    private final JdbcClient jdbc;

    ReferralFixtures(TeachingTestSupport teaching, Sales sales, ContractFixtures contractFixtures,
            ContractService contracts, Referrals referrals, JdbcClient jdbc) {
        this.teaching = teaching;
        this.sales = sales;
        this.contractFixtures = contractFixtures;
        this.contracts = contracts;
        this.referrals = referrals;
        this.jdbc = jdbc;
    }

    record Referrer(long customerId, long opportunityId, Long contractId, String email) {
    }

    /** A BJ-HD customer whose 1:1 contract (60 lessons) is in force, with an e-mail address. */
    Referrer withContract() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(0, 0);
        long customer = customerOf(t.contractId());
        String email = "referrer" + customer + "@example.com";
        jdbc.sql("update customer set email = ? where id = ?").params(email, customer).update();
        return new Referrer(customer, t.opportunityId(), t.contractId(), email);
    }

    /**
     * A BJ-HD customer with an e-mail address whose 1:1 contract (60 lessons) is in force, two lessons of it booked
     * with 郑凯 ({@code weeklyTime}, e.g. SUNDAY 15:00) in the next two weeks.
     */
    Referrer withWeeklyLessons(String weeklyTime) {
        String[] dayTime = weeklyTime.trim().split(" ");
        java.time.LocalDate first = java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).plusDays(1)
                .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.valueOf(dayTime[0])));
        java.time.LocalTime at = java.time.LocalTime.parse(dayTime[1]);
        TeachingTestSupport.Schedule s = teaching.contractWithLessonsAt(java.util.List.of(
                first.atTime(at).atZone(com.enrollflow.reference.BusinessTime.ZONE).toOffsetDateTime(),
                first.plusWeeks(1).atTime(at).atZone(com.enrollflow.reference.BusinessTime.ZONE).toOffsetDateTime()));
        long customer = customerOf(s.contract().contractId());
        String email = "referrer" + customer + "@example.com";
        jdbc.sql("update customer set email = ? where id = ?").params(email, customer).update();
        return new Referrer(customer, s.contract().opportunityId(), s.contract().contractId(), email);
    }

    /** A BJ-HD customer who has an opportunity but no contract. */
    Referrer withoutContract() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        String email = jdbc.sql("select email from customer where id = ?").param(o.customerId()).query(String.class)
                .single();
        return new Referrer(o.customerId(), o.opportunityId(), null, email);
    }

    /** A referred family with an issued 1:1 contract at the final price, linked to the referrer. */
    Contract referredContract(Referrer referrer, String price) {
        Contract c = contract(price);
        link(referrer, c.customerId(), c.opportunityId());
        return c;
    }

    /**
     * A new BJ-HD family's issued 1:1 contract at the final price. The fixtures' 60 lessons cost less than the policy's
     * largest band: a larger sale is the same contract with its price raised in the table.
     */
    Contract contract(String price) {
        BigDecimal finalPrice = new BigDecimal(price);
        Contract c = contracts.issue(contractFixtures.approvedQuote("BJ-HD", "被介绍学员",
                finalPrice.min(new BigDecimal("12000.00"))), "liwei");
        jdbc.sql("update contract set final_price = ? where id = ?").params(finalPrice, c.id()).update();
        return contracts.find(c.id()).orElseThrow();
    }

    void link(Referrer referrer, long referredCustomer, long referredOpportunity) {
        referrals.link(referredCustomer, referredOpportunity, new Referrals.Referrer(referrer.customerId(),
                "介绍人" + referrer.customerId(), "referrerPhone"), "liwei", OffsetDateTime.now());
    }

    long customerOf(long contractId) {
        return jdbc.sql("select customer_id from contract where id = ?").param(contractId).query(Long.class).single();
    }
}
