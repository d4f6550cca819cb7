package com.enrollflow.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.approval.ApprovalService;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractService;
import com.enrollflow.customer.Vouchers;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteRequest;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.referral.ReferrerPages;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;

/**
 * A referrer's voucher (代金券) spent on a later plan of the same family: deducted in 制定方案与报价, redeemed by the
 * contract, worth its value once — never a second time, never for another family, never after it expired, and given
 * back when the contract is cancelled.
 */
@EnrollFlowTest
class VoucherRedemptionTests {

    private static final BigDecimal EIGHT_HUNDRED = new BigDecimal("800.00");

    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Vouchers vouchers;
    @Autowired
    PricingService pricing;
    @Autowired
    ApprovalService approvals;
    @Autowired
    ContractService contracts;
    @Autowired
    OpportunityRepository opportunityRecords;
    @Autowired
    OpportunityService opportunities;
    @Autowired
    ReferrerPages referrerPages;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldDeductTheFamilysVoucherInThePlanFormAndSpendItWithTheContract() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Vouchers.Voucher voucher = issue(o.customerId(), EIGHT_HUNDRED, today().plusDays(30));
        ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
        Task plan = sales.task(pi);
        assertThat(plan).hasDefinitionKey("Task_MakePlan");
        // the consultant picks it from a list that says what it is worth and until when
        assertThat(engine.getTaskService().getVariable(plan.getId(), "voucherOptions").toString())
                .contains("代金券 " + voucher.code() + "（¥800.00，" + voucher.validUntil() + " 前有效）")
                .contains("\"value\":\"" + voucher.code() + "\"");
        assertThat(engine.getTaskService().getVariable(plan.getId(), "voucherValues").toString())
                .contains("\"" + voucher.code() + "\":80000");
        BigDecimal without = pricing.preview(request(o, null)).finalPrice();

        leads.completeAs("liwei", plan, planWith(voucher.code()));

        assertThat(pi).hasPassed("ServiceTask_CreateQuote").isEnded();
        Quote q = pricing.latestForOpportunity(o.opportunityId()).orElseThrow();
        assertThat(q.voucherCode()).isEqualTo(voucher.code());
        assertThat(q.voucherAmount()).isEqualByComparingTo("800.00");
        assertThat(q.finalPrice()).isEqualByComparingTo(without.subtract(EIGHT_HUNDRED));
        assertThat(q.lines().stream().map(l -> l.finalAmount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(q.finalPrice());
        // no discretionary discount: the voucher alone needs no approval
        assertThat(q.extraDiscount()).isZero();
        assertThat(q.discountPercent()).isZero();
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = 'PLAN_MADE'")
                .param(o.opportunityId()).query(String.class).single())
                .contains("代金券 " + voucher.code() + " 抵扣 ¥800.00");
        // until the contract, the plan holds it: the referrer's page says so
        assertThat(voucherOf(o.customerId(), voucher.code())).satisfies(v -> {
            assertThat(v.state()).isEqualTo(Vouchers.State.RESERVED);
            assertThat(v.usedBy()).isEqualTo(String.valueOf(q.id()));
        });

        Contract c = issueContract(q);

        assertThat(c.finalPrice()).isEqualByComparingTo(q.finalPrice());
        Vouchers.Voucher spent = voucherOf(o.customerId(), voucher.code());
        assertThat(spent.state()).isEqualTo(Vouchers.State.USED);
        assertThat(spent.usedBy()).isEqualTo(c.number());
        ReferrerPages.Voucher onThePage = referrerPages.of(o.customerId(), today()).vouchers().get(0);
        assertThat(onThePage.stateLabel()).isEqualTo("已使用");
        assertThat(onThePage.usedBy()).isEqualTo(c.number());
        // past its last day a spent voucher still reads spent, and also past its date, as the page always said
        ReferrerPages.Voucher later = referrerPages.of(o.customerId(), voucher.validUntil().plusDays(1)).vouchers()
                .get(0);
        assertThat(later.stateLabel()).isEqualTo("已使用");
        assertThat(later.expired()).isTrue();
        // the family's next plan no longer lists it
        assertThat(vouchers.usable(o.customerId(), secondOpportunity(o), today())).isEmpty();
    }

    @Test
    void shouldRefuseAVoucherOfAnotherFamilyExpiredOrWorthTheWholePriceNamingTheFieldAndStoreNothing() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Sales.Owned other = sales.owned("ONE_ON_ONE");
        Vouchers.Voucher others = issue(other.customerId(), EIGHT_HUNDRED, today().plusDays(30));
        Vouchers.Voucher expired = issue(o.customerId(), EIGHT_HUNDRED, today().minusDays(1));
        Vouchers.Voucher huge = issue(o.customerId(), new BigDecimal("90000.00"), today().plusDays(30));

        assertThat(problem(request(o, others.code()))).isEqualTo("该客户没有代金券“" + others.code() + "”");
        assertThat(problem(request(o, "DJQ999999"))).isEqualTo("该客户没有代金券“DJQ999999”");
        assertThat(problem(request(o, expired.code())))
                .isEqualTo("代金券 " + expired.code() + " 已于 " + expired.validUntil() + " 过期");
        assertThat(problem(request(o, huge.code()))).startsWith("代金券 " + huge.code() + " 面值 90000.00 元，不低于标准优惠后价格");
        // typed in lower case with spaces, as staff may: the same voucher
        assertThat(problem(request(o, "  " + expired.code().toLowerCase() + " "))).contains("过期");
        assertThat(jdbc.sql("select count(*) from quote where opportunity_id = ?").param(o.opportunityId())
                .query(Integer.class).single()).isZero();

        // through the form: the refusal names the field by its label and the task stays
        ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
        Task plan = sales.task(pi);
        assertThat(engine.getTaskService().getVariable(plan.getId(), "voucherOptions").toString())
                .contains(huge.code()).doesNotContain(expired.code()).doesNotContain(others.code());
        assertThatThrownBy(() -> leads.completeAs("liwei", plan, planWith(others.code())))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("代金券：该客户没有代金券“" + others.code() + "”");
        assertThat(sales.task(pi)).hasDefinitionKey("Task_MakePlan");
        assertThat(jdbc.sql("select count(*) from quote where opportunity_id = ?").param(o.opportunityId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldHoldTheVoucherForOneOpportunityUntilItsPlanIsReplacedOrItCloses() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        long second = secondOpportunity(o);
        Vouchers.Voucher v = issue(o.customerId(), EIGHT_HUNDRED, today().plusDays(30));
        Quote first = pricing.createQuote(request(o, v.code()));

        assertThat(problem(request(o.customerId(), second, v.code())))
                .isEqualTo("代金券 " + v.code() + " 已用于另一商机的报价 " + first.id() + "（待签约）；该商机不签约或重新报价后方可使用");
        assertThat(vouchers.usable(o.customerId(), second, today())).isEmpty();
        // the same opportunity may plan again with it: the new plan replaces the old
        Quote again = pricing.createQuote(request(o, v.code()));
        assertThat(again.voucherAmount()).isEqualByComparingTo("800.00");
        assertThat(voucherOf(o.customerId(), v.code()).usedBy()).isEqualTo(String.valueOf(again.id()));
        // a plan without it frees it
        pricing.createQuote(request(o, null));
        assertThat(vouchers.usable(o.customerId(), second, today())).extracting(Vouchers.Voucher::code)
                .containsExactly(v.code());
        Quote onSecond = pricing.createQuote(request(o.customerId(), second, v.code()));
        assertThat(problem(request(o, v.code()))).contains("已用于另一商机的报价 " + onSecond.id());
        // the second opportunity is lost: its plan holds nothing
        opportunities.close(second, OpportunityStatus.LOST, "选择了其他机构", "liwei");
        assertThat(pricing.createQuote(request(o, v.code())).voucherCode()).isEqualTo(v.code());
    }

    @Test
    void shouldGiveTheVoucherBackWhenItsContractIsCancelledButNotWhenItIsRefunded() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        Vouchers.Voucher v = issue(o.customerId(), EIGHT_HUNDRED, today().plusDays(30));
        long second = secondOpportunity(o);
        Contract first = issueContract(pricing.createQuote(request(o, v.code())));
        assertThat(problem(request(o.customerId(), second, v.code())))
                .isEqualTo("代金券 " + v.code() + " 已用于合同 " + first.number() + "，每张只能使用一次");

        contracts.cancel(first.id(), "家长要求改签", "zhouhua");

        assertThat(stateOf(o.customerId(), v.code())).isEqualTo(Vouchers.State.AVAILABLE);
        Contract next = issueContract(pricing.createQuote(request(o.customerId(), second, v.code())));
        assertThat(voucherOf(o.customerId(), v.code()).usedBy()).isEqualTo(next.number());

        // a refund pays back money, never the voucher
        contracts.markRefunded(next.id(), true);
        assertThat(stateOf(o.customerId(), v.code())).isEqualTo(Vouchers.State.USED);
    }

    @Test
    void shouldLetOnlyOneContractSpendAVoucherTwoPlansCarried() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        long second = secondOpportunity(o);
        Vouchers.Voucher v = issue(o.customerId(), EIGHT_HUNDRED, today().plusDays(30));
        Quote onFirst = pricing.createQuote(request(o, v.code()));
        approvals.request(onFirst.id(), List.of(), "liwei");
        // the first opportunity closes without a contract, so the second may plan with the voucher ...
        opportunities.close(o.opportunityId(), OpportunityStatus.LOST, "暂不报名", "liwei");
        Contract onSecond = issueContract(pricing.createQuote(request(o.customerId(), second, v.code())));
        int contractsBefore = count("contract");

        // ... and the first's approved quote can no longer be signed with it: nothing of that contract is kept
        ConflictException refused = catchThrowableOfType(ConflictException.class,
                () -> contracts.issue(onFirst.id(), "liwei"));

        assertThat(refused.getMessage()).isEqualTo("代金券 " + v.code() + " 已用于合同 " + onSecond.number()
                + "，不能再用于本合同；请重新制定方案");
        assertThat(count("contract")).isEqualTo(contractsBefore);
        assertThat(contracts.forQuote(onFirst.id())).isEmpty();
        assertThat(voucherOf(o.customerId(), v.code()).usedBy()).isEqualTo(onSecond.number());
    }

    @Test
    void shouldLetOnlyOneOfTwoPlansMadeAtOnceTakeTheVoucher() throws Exception {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        long second = secondOpportunity(o);
        Vouchers.Voucher v = issue(o.customerId(), EIGHT_HUNDRED, today().plusDays(30));
        List<Object> outcomes = Concurrently.outcomes(List.of(o.opportunityId(), second).stream()
                .map(opportunity -> (Callable<Quote>) () -> pricing.createQuote(request(o.customerId(), opportunity,
                        v.code()))).toList());
        assertThat(outcomes).filteredOn(Quote.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(InvalidInputException.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((InvalidInputException) e).problems().get(0).message())
                        .contains("已用于另一商机的报价"));
        assertThat(jdbc.sql("select count(*) from quote q join opportunity o on o.id = q.opportunity_id "
                + "where o.customer_id = ? and q.voucher_id is not null").param(o.customerId()).query(Integer.class)
                .single()).isEqualTo(1);
    }

    private Vouchers.Voucher issue(long customerId, BigDecimal amount, LocalDate validUntil) {
        return transactions.execute(s -> vouchers.issue(customerId, amount, validUntil, null, OffsetDateTime.now()));
    }

    private Contract issueContract(Quote q) {
        approvals.request(q.id(), List.of(), q.createdBy());
        return contracts.issue(q.id(), "liwei");
    }

    /** The same family's open class opportunity (one open opportunity per product line). */
    private long secondOpportunity(Sales.Owned o) {
        return opportunityRecords.insert(new NewOpportunity(o.customerId(), "PHONE", null, "BJ-HD", "CLASS", "J2",
                "MATH", "寒假班", "consultant", OffsetDateTime.now()));
    }

    private QuoteRequest request(Sales.Owned o, String voucherCode) {
        return request(o.customerId(), o.opportunityId(), voucherCode);
    }

    /** 40 senior math lessons with the 40-lesson package (as the form chooses it), or the winter math class. */
    private QuoteRequest request(long customerId, long opportunityId, String voucherCode) {
        boolean oneOnOne = "ONE_ON_ONE".equals(jdbc.sql("select product_line from opportunity where id = ?")
                .param(opportunityId).query(String.class).single());
        return oneOnOne
                ? new QuoteRequest(opportunityId, "BJ-HD", ProductLine.ONE_ON_ONE, Grade.J2, Subject.MATH,
                        TeacherLevel.SENIOR, 40, "PKG40", null, List.of(), BigDecimal.ZERO, null, "liwei", null,
                        customerId, voucherCode)
                : new QuoteRequest(opportunityId, "BJ-HD", ProductLine.CLASS, Grade.J2, Subject.MATH, null, null,
                        null, null, List.of("BJHD-J2-MATH-W"), BigDecimal.ZERO, null, "liwei", null, customerId,
                        voucherCode);
    }

    private String problem(QuoteRequest r) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> pricing.createQuote(r));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("voucherCode"));
        return e.problems().get(0).message();
    }

    private Vouchers.Voucher voucherOf(long customerId, String code) {
        return vouchers.of(customerId, today()).stream().filter(v -> v.code().equals(code)).findFirst().orElseThrow();
    }

    private Vouchers.State stateOf(long customerId, String code) {
        return voucherOf(customerId, code).state();
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }

    private static LocalDate today() {
        return LocalDate.now(BusinessTime.ZONE);
    }

    private Map<String, Object> planWith(String voucherCode) {
        Map<String, Object> v = new HashMap<>(ConsultationProcessTests.planOf(40, 0,
                sales.freePreferredTimes(ConsultationProcessTests.TEACHER)));
        v.put("voucherCode", voucherCode);
        return v;
    }
}
