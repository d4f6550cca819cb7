package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Component;

import com.enrollflow.approval.ApprovalService;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteRequest;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;
import com.enrollflow.testsupport.Leads;

/**
 * Real quotes for contract tests, priced by the price list and approved through {@link ApprovalService} by the
 * demo supervisor and campus director: the only way tests get contract terms.
 */
@Component
public class ContractFixtures {

    static final int LESSONS = 60;
    static final String DISCOUNT_REASON = "老学员续费";

    private final PricingService pricing;
    private final ApprovalService approvals;
    private final SaleTerms saleTerms;
    private final CustomerRepository customers;
    private final OpportunityRepository opportunities;

    ContractFixtures(PricingService pricing, ApprovalService approvals, SaleTerms saleTerms,
            CustomerRepository customers, OpportunityRepository opportunities) {
        this.pricing = pricing;
        this.approvals = approvals;
        this.saleTerms = saleTerms;
        this.customers = customers;
        this.opportunities = opportunities;
    }

    /**
     * A quote of 60 senior math lessons with PKG40 for a new customer's 1:1 opportunity at the campus, brought to
     * the final price by a special discount (老学员续费) that the supervisor and the campus director approved; paid
     * in two installments. Returns the quote id.
     */
    public long approvedQuote(String campusCode, String customerName, BigDecimal finalPrice) {
        long opportunityId = opportunity(campusCode, customerName);
        Quote list = pricing.preview(request(opportunityId, campusCode, BigDecimal.ZERO, null));
        BigDecimal extra = list.finalPrice().subtract(finalPrice);
        Quote q = pricing.createQuote(request(opportunityId, campusCode, extra, DISCOUNT_REASON));
        saleTerms.save(q.id(), InstallmentPlan.TWO, "SATURDAY 09:00");
        approvals.request(q.id(), List.of("salesSupervisor", "campusDirector"), "liwei");
        approvals.decide(q.id(), 0, "sunqiang", java.util.Set.of("salesSupervisor"), "APPROVE", "同意特批优惠");
        approvals.decide(q.id(), 1, "zhouhua", java.util.Set.of("campusDirector"), "APPROVE", null);
        return q.id();
    }

    /** A quote whose special discount still waits for the supervisor: the terms source refuses it. */
    public long quoteAwaitingApproval(String campusCode) {
        long opportunityId = opportunity(campusCode, "待审批学员");
        Quote q = pricing.createQuote(request(opportunityId, campusCode, new BigDecimal("2000.00"), DISCOUNT_REASON));
        approvals.request(q.id(), List.of("salesSupervisor"), "liwei");
        return q.id();
    }

    private long opportunity(String campusCode, String customerName) {
        long customerId = customers.insert(customerName, "+86" + Leads.newPhone(), null, OffsetDateTime.now());
        return opportunities.insert(new NewOpportunity(customerId, "PHONE", null, campusCode, "ONE_ON_ONE", "J2",
                "MATH", "中考数学提分", "consultant", OffsetDateTime.now()));
    }

    private static QuoteRequest request(long opportunityId, String campusCode, BigDecimal extra, String reason) {
        return new QuoteRequest(opportunityId, campusCode, ProductLine.ONE_ON_ONE, Grade.J2, Subject.MATH,
                TeacherLevel.SENIOR, LESSONS, "PKG40", null, List.of(), extra, reason, "liwei", null);
    }
}
