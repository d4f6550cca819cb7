package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.GaplessCounter;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.common.Sha256;
import com.enrollflow.customer.Vouchers;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.reference.BusinessTime;

/**
 * Issues contracts for approved quotes (签订合同), called by the enrollment process once a quote is approved.
 * <p>
 * Numbers are gapless per campus and contract year: the number is drawn by locking and incrementing the campus's
 * counter row in the same transaction that stores the contract and its PDF, so a failure returns the number and two
 * contracts never share one. The counter row of a new year is created beforehand in a transaction of its own.
 * Joins the caller's transaction when there is one (the engine's, from a delegate).
 */
@Service
public class ContractService {

    private static final Logger log = LoggerFactory.getLogger(ContractService.class);
    static final int MAX_REASON = 500;

    private final ContractRepository contracts;
    private final ContractTermsSource terms;
    private final ContractPdf pdf;
    private final Clock clock;
    private final TransactionTemplate inTransaction;
    private final GaplessCounter numbers;
    private final TransactionTemplate readOnly;
    private final Vouchers vouchers;
    private final OpportunityRepository opportunities;

    ContractService(ContractRepository contracts, ContractTermsSource terms, ContractPdf pdf, Clock clock,
            PlatformTransactionManager transactions, JdbcClient jdbc, Vouchers vouchers,
            OpportunityRepository opportunities) {
        this.opportunities = opportunities;
        this.contracts = contracts;
        this.vouchers = vouchers;
        this.terms = terms;
        this.pdf = pdf;
        this.clock = clock;
        this.inTransaction = new TransactionTemplate(transactions);
        this.numbers = new GaplessCounter(jdbc, transactions, "contract_counter", "contract_year");
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The contract of an approved quote: numbered, rendered and archived. Idempotent: a quote that already has a
     * contract gets that one back (also a cancelled one; a new contract needs a new quote). Refused by the port
     * (409) when the quote's approvals are not all given; then nothing is stored and no number is used.
     */
    public Contract issue(long quoteId, String issuedBy) {
        return issue(quoteId, issuedBy, OffsetDateTime.now(clock));
    }

    /** {@link #issue(long, String)} at a given moment: its year in {@link BusinessTime#ZONE} is the contract year. */
    Contract issue(long quoteId, String issuedBy, OffsetDateTime now) {
        return issue(quoteId, issuedBy, now, pdf);
    }

    /** With another renderer, so tests can make the step after drawing the number fail. */
    Contract issue(long quoteId, String issuedBy, OffsetDateTime now, ContractPdf renderer) {
        if (issuedBy == null || issuedBy.isBlank()) {
            throw new InvalidInputException("issuedBy", "请指定签发人");
        }
        Optional<Contract> existing = forQuote(quoteId);
        if (existing.isPresent()) {
            return existing.get();
        }
        LocalDate issueDay = BusinessTime.dateOf(now);
        ContractTerms t = renewing(terms.approvedTerms(quoteId, issueDay));
        checkConsistent(quoteId, t);
        int year = issueDay.getYear();
        numbers.ensure(t.campusCode(), year);
        try {
            return inTransaction.execute(status -> store(t, year, issuedBy, now, renderer));
        } catch (DuplicateKeyException e) {
            // the same quote issued at the same moment under another counter (the turn of a year): the first wins
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new ConflictException(409, "该报价正在生成合同，请稍后重试");
            }
            return forQuote(quoteId).orElseThrow(() -> e);
        }
    }

    /**
     * A renewal's contract (续费) names the contract it renews: its former opportunity's last contract not cancelled.
     */
    private ContractTerms renewing(ContractTerms t) {
        return opportunities.renewalOf(t.opportunityId()).flatMap(this::latestNotCancelled)
                .map(c -> t.renewing(c.number())).orElse(t);
    }

    /** The opportunity's latest contract that was not cancelled: the contract its sale stands on, if any. */
    public Optional<Contract> latestNotCancelled(long opportunityId) {
        return contracts.forOpportunity(opportunityId).stream()
                .filter(c -> !ContractStatus.CANCELLED.name().equals(c.status())).reduce((a, b) -> b);
    }

    private Contract store(ContractTerms t, int year, String issuedBy, OffsetDateTime now, ContractPdf renderer) {
        numbers.lock(t.campusCode(), year);
        // under the counter's lock: a concurrent issue of the same quote has committed or not started
        Optional<Contract> existing = contracts.forQuote(t.quoteId());
        if (existing.isPresent()) {
            return existing.get();
        }
        int seq = numbers.next(t.campusCode(), year);
        String number = number(t.campusCode(), year, seq);
        byte[] document = renderer.render(number, t, now);
        String sha256 = sha256(document);
        long id = contracts.insert(new ContractRepository.NewContract(number, t.campusCode(), year, seq, t.quoteId(),
                t.opportunityId(), t.customerId(), t.finalPrice(), issuedBy, now, sha256, document.length));
        contracts.insertDocument(id, document);
        if (t.voucherCode() != null) {
            // the voucher the price deducted is spent by this contract, or nothing of it is kept (409)
            vouchers.redeem(t.voucherCode(), id, now);
        }
        log.info("contract {} issued for quote {} by {}", number, t.quoteId(), issuedBy);
        return contracts.find(id).orElseThrow();
    }

    public Optional<Contract> find(long id) {
        return readOnly.execute(status -> contracts.find(id));
    }

    /**
     * The contract with its row locked until the caller's transaction ends: everything done to one contract's lessons
     * and money (refund, suspension, transfer, teacher change, renewal) queues here, so two requests at once are
     * decided one after the other. Needs the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Contract lock(long id) {
        return contracts.lock(id).orElseThrow(() -> new NotFoundException("合同 " + id + " 不存在"));
    }

    public Optional<Contract> forQuote(long quoteId) {
        return readOnly.execute(status -> contracts.forQuote(quoteId));
    }

    /** By its printed number (BJ-HD-2026-00001), as staff type it. */
    public Optional<Contract> byNumber(String number) {
        return readOnly.execute(status -> contracts.byNumber(number));
    }

    /** A customer's contracts, oldest first. */
    public List<Contract> forCustomer(long customerId) {
        return readOnly.execute(status -> contracts.forCustomer(customerId));
    }

    public List<Contract> forOpportunity(long opportunityId) {
        return readOnly.execute(status -> contracts.forOpportunity(opportunityId));
    }

    /** Why and by whom a contract was cancelled; empty while it stands. */
    Optional<ContractRepository.Cancellation> cancellation(long id) {
        return readOnly.execute(status -> contracts.cancellation(id));
    }

    /**
     * The archived PDF, exactly as issued. Refuses ({@link ContractIntegrityException}) a file whose SHA-256 or
     * size no longer matches what was recorded at issue.
     */
    public ContractDocument document(long id) {
        ContractRepository.StoredDocument stored = readOnly.execute(status -> contracts.document(id))
                .orElseThrow(() -> new NotFoundException("合同不存在：" + id));
        String actual = sha256(stored.pdf());
        if (!actual.equals(stored.sha256()) || stored.pdf().length != stored.pdfSize()) {
            log.error("contract {} (id {}): archived PDF does not match its checksum, expected {} ({} bytes), "
                    + "found {} ({} bytes)", stored.number(), id, stored.sha256(), stored.pdfSize(), actual,
                    stored.pdf().length);
            throw new ContractIntegrityException("合同 " + stored.number() + " 的存档文件校验失败（SHA-256 不一致），"
                    + "文件可能已损坏，请联系系统管理员");
        }
        return new ContractDocument(stored.contractId(), stored.number(), stored.pdf(), stored.sha256());
    }

    /** Cancels (作废) an issued contract. Its number stays used: the sequence has no gaps. */
    public Contract cancel(long id, String reason, String by) {
        List<FieldProblem> problems = new ArrayList<>();
        if (reason == null || reason.isBlank()) {
            problems.add(new FieldProblem("reason", "请填写作废原因"));
        } else if (reason.strip().length() > MAX_REASON) {
            problems.add(new FieldProblem("reason", "作废原因最多 " + MAX_REASON + " 个字"));
        }
        if (by == null || by.isBlank()) {
            problems.add(new FieldProblem("by", "请指定操作人"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return inTransaction.execute(status -> {
            Contract c = contracts.lock(id).orElseThrow(() -> new NotFoundException("合同不存在：" + id));
            if (ContractStatus.CANCELLED.name().equals(c.status())) {
                throw new ConflictException(409, "合同 " + c.number() + " 已作废");
            }
            contracts.cancel(id, reason.strip(), by, now);
            log.info("contract {} cancelled by {}: {}", c.number(), by, reason.strip());
            return contracts.find(id).orElseThrow();
        });
    }

    /**
     * A refund was paid out (退费): the contract becomes 已退费 when everything paid came back, else 部分退费. Runs in
     * the caller's transaction; a second call (a retried job) changes nothing.
     */
    public Contract markRefunded(long id, boolean whole) {
        return inTransaction.execute(status -> {
            Contract c = contracts.lock(id).orElseThrow(() -> new NotFoundException("合同不存在：" + id));
            if (contracts.refunded(id, whole ? ContractStatus.REFUNDED : ContractStatus.PARTIALLY_REFUNDED)) {
                log.info("contract {} {}", c.number(), whole ? "refunded" : "partially refunded");
            }
            return contracts.find(id).orElseThrow();
        });
    }

    /** "BJ-HD-2026-00001": campus, contract year, five-digit sequence. */
    static String number(String campusCode, int year, int seq) {
        return String.format("%s-%d-%05d", campusCode, year, seq);
    }

    static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }

    /**
     * Figures a contract must not print if they disagree: checked before a number is drawn. Throws 422 naming the
     * quote, since the quote's terms, not the caller's input, are wrong.
     */
    static void checkConsistent(long quoteId, ContractTerms t) {
        List<String> problems = new ArrayList<>();
        if (t.quoteId() != quoteId) {
            problems.add("条款属于报价 " + t.quoteId());
        }
        if (t.campusCode() == null || t.campusCode().isBlank()) {
            problems.add("缺少校区");
        }
        if (t.customerName() == null || t.customerName().isBlank()) {
            problems.add("缺少客户姓名");
        }
        if (t.finalPrice() == null || t.finalPrice().signum() < 0 || t.finalPrice().scale() > 2) {
            problems.add("合同总价无效");
        } else {
            if (!t.installments().isEmpty()) {
                BigDecimal planned = t.installments().stream().map(ContractTerms.Installment::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                if (planned.compareTo(t.finalPrice()) != 0) {
                    problems.add("分期金额合计 " + Money.yuan(planned) + " 不等于合同总价 "
                            + Money.yuan(t.finalPrice()));
                }
            }
            if (!t.lines().isEmpty()) {
                BigDecimal lines = t.lines().stream().map(ContractTerms.Line::finalAmount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                if (lines.compareTo(t.finalPrice()) != 0) {
                    problems.add("课程成交价合计 " + Money.yuan(lines) + " 不等于合同总价 "
                            + Money.yuan(t.finalPrice()));
                }
            }
        }
        if (t.lines().isEmpty()) {
            problems.add("没有课程");
        }
        if (!problems.isEmpty()) {
            throw new ConflictException(422, "报价 " + quoteId + " 的条款不一致，不能生成合同：" + String.join("；", problems));
        }
    }
}
