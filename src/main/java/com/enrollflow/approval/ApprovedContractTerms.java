package com.enrollflow.approval;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.contract.ContractTerms;
import com.enrollflow.contract.ContractTermsSource;
import com.enrollflow.customer.Customer;
import com.enrollflow.customer.CustomerRepository;
import com.enrollflow.opportunity.Opportunity;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.PaymentSchedule;
import com.enrollflow.payment.SaleTerms;
import com.enrollflow.payment.SupervisedAccounts;
import com.enrollflow.pricing.PricingService;
import com.enrollflow.pricing.Quote;
import com.enrollflow.pricing.QuoteStatus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.StaffRole;

/**
 * The only source of contract terms: a quote is turned into terms only when every approval it needs was given
 * ({@link ApprovalService#requireApproved}), so no API can produce a contract for an unapproved discount.
 */
@Component
class ApprovedContractTerms implements ContractTermsSource {

    private final ApprovalService approvals;
    private final PricingService pricing;
    private final OpportunityService opportunities;
    private final CustomerRepository customers;
    private final CampusRepository campuses;
    private final SaleTerms saleTerms;
    private final SupervisedAccounts accounts;
    private final StaffDirectory staff;

    ApprovedContractTerms(ApprovalService approvals, PricingService pricing, OpportunityService opportunities,
            CustomerRepository customers, CampusRepository campuses, SaleTerms saleTerms,
            SupervisedAccounts accounts, StaffDirectory staff) {
        this.accounts = accounts;
        this.staff = staff;
        this.approvals = approvals;
        this.pricing = pricing;
        this.opportunities = opportunities;
        this.customers = customers;
        this.campuses = campuses;
        this.saleTerms = saleTerms;
    }

    @Override
    public ContractTerms approvedTerms(long quoteId, LocalDate issueDate) {
        ApprovalState state = approvals.requireApproved(quoteId);
        Quote q = pricing.find(quoteId).orElseThrow(() -> new ConflictException(409, "报价 " + quoteId + " 不存在"));
        if (q.status() != QuoteStatus.APPROVED && q.status() != QuoteStatus.ACCEPTED) {
            throw new ConflictException(409, "报价 " + quoteId + " 状态为“" + q.status().label() + "”，不能生成合同");
        }
        Opportunity o = opportunities.get(q.opportunityId());
        Customer c = customers.findById(o.customerId()).orElseThrow();
        // 预收费监管: a plan above the collection limit is paid in successive payments, each within it
        PaymentSchedule schedule = saleTerms.schedule(quoteId, q.lessons());
        List<ContractTerms.Installment> installments = schedule.payments() == 1 ? List.of()
                : schedule.split(q.finalPrice(), issueDate).stream()
                        .map(d -> new ContractTerms.Installment(d.seq(), d.dueDate(), d.amount())).toList();
        List<String> approvalLines = state.decisions().stream()
                .map(d -> StaffRole.labelOf(d.approvalGroup()) + " " + staff.personName(d.decidedBy()) + " 同意"
                        + (d.comment() == null ? "" : "：" + d.comment()))
                .toList();
        return new ContractTerms(q.id(), q.opportunityId(), c.id(), c.name(), c.phone(), q.campusCode(),
                campuses.findActive(q.campusCode()).map(x -> x.name()).orElse(q.campusCode()),
                q.productLine().label(),
                q.lines().stream().map(l -> new ContractTerms.Line(l.description(), l.lessons(), l.listAmount(),
                        l.finalAmount(), l.unitPrice(), "CLASS".equals(l.kind()) ? pricing.classSchedule(l.itemCode())
                                : null)).toList(),
                q.listPrice(), q.standardDiscount(), q.extraDiscount(), q.discountReason(), q.finalPrice(),
                q.lessons(), q.unitPrice(), installments, approvalLines,
                schedule.regulated() ? schedule.text() : null,
                accounts.current(q.campusCode()).map(SupervisedAccounts.Account::text).orElse(null), q.voucherCode(),
                q.voucherAmount(), null);
    }
}
