package com.enrollflow.invoice;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.contract.Contract;
import com.enrollflow.contract.ContractLookup;
import com.enrollflow.contract.ContractService;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.Families;
import com.enrollflow.opportunity.OpportunityService;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.refund.RefundQuotes;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * 开具发票 (decision 576): the front desk or customer service asks, for a family, for an invoice of what it paid on a
 * contract (through POST /api/invoices or the Tasklist start form 申请开具发票); finance of the campus issues it on the
 * tax platform and records its number and day, or says why it cannot; an invoice issued may be reversed (红冲), e.g.
 * after a refund. What is invoiced — requests waiting and invoices issued — never exceeds what the family paid and
 * kept on the contract (confirmed payments less refunds paid back), also when two requests arrive at once.
 */
@Service
public class Invoices {

    /** What the requester gives: the contract (id, or its number or the family's phone as typed) and the invoice. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "InvoiceRequest")
    public record Request(Long contractId, String contract, String titleType, String title, String taxId,
            @JsonDeserialize(using = DecimalText.class) String amount, String email, String note) {
    }

    /** What finance may invoice on a contract now, and how it is arrived at, as staff read it. */
    public record Invoiceable(BigDecimal amount, String figures) {
    }

    /** 发票号码: 20 digits for a 数电发票 (全电), 8 for a paper or older electronic invoice. */
    private static final Pattern INVOICE_NUMBER = Pattern.compile("\\d{8}|\\d{20}");
    private static final String COLUMNS = "id, invoice_no, contract_id, opportunity_id, campus_code, title_type, "
            + "title, tax_id, amount, email, note, status, requested_by, requested_at, invoice_number, issued_on, "
            + "decided_by, decided_at, refusal_reason, reversed_by, reversed_at, reversal_reason";

    private final JdbcClient jdbc;
    private final ContractLookup lookup;
    private final ContractService contracts;
    private final PaymentService payments;
    private final RefundQuotes refunds;
    private final Families families;
    private final OpportunityService opportunities;
    private final CampusScope scope;
    private final InvoiceProcess process;
    private final Clock clock;

    Invoices(JdbcClient jdbc, ContractLookup lookup, ContractService contracts, PaymentService payments,
            RefundQuotes refunds, Families families, OpportunityService opportunities, CampusScope scope,
            InvoiceProcess process, Clock clock) {
        this.jdbc = jdbc;
        this.lookup = lookup;
        this.contracts = contracts;
        this.payments = payments;
        this.refunds = refunds;
        this.families = families;
        this.opportunities = opportunities;
        this.scope = scope;
        this.process = process;
        this.clock = clock;
    }

    /**
     * Stores the request and starts its process. An amount left out is everything not yet invoiced; an e-mail left
     * out is the family's. Bad fields: 400 naming each; a contract outside the caller's campuses: 404; nothing left
     * to invoice: 409. Nothing is stored then.
     */
    @Transactional
    public Invoice request(Request r, String by) {
        InputRules rules = new InputRules();
        Request asked = r == null ? new Request(null, null, null, null, null, null, null, null) : r;
        Invoice.TitleType type = rules.code("titleType", asked.titleType(), Invoice.TitleType.class, true);
        String title = rules.plainText("title", asked.title(), 100, true);
        String taxId = TaxIds.normalize(asked.taxId());
        if (taxId != null && taxId.isEmpty()) {
            taxId = null;
        }
        if (type == Invoice.TitleType.COMPANY && taxId == null) {
            rules.problem("taxId", "必填：单位抬头须填写纳税人识别号（统一社会信用代码）");
        } else if (type == Invoice.TitleType.PERSONAL && taxId != null) {
            rules.problem("taxId", "个人抬头不填纳税人识别号");
        } else if (taxId != null && TaxIds.problem(taxId) != null) {
            rules.problem("taxId", TaxIds.problem(taxId));
        }
        BigDecimal amount = rules.positiveDecimal("amount", asked.amount(), null, "开票金额",
                new BigDecimal("10000000.00"), Money.yuan(new BigDecimal("10000000.00")));
        String email = rules.email("email", asked.email());
        String note = rules.plainText("note", asked.note(), 500, false);
        Contract found = lookup.visible(asked.contractId(), asked.contract(), rules);
        if (found != null && email == null) {
            email = families.of(found.opportunityId()).email();
            if (email == null || email.isBlank()) {
                rules.problem("email", "必填：家长没有登记邮箱，请填写接收电子发票的邮箱");
            }
        }
        rules.throwIfAny();
        // requests of one contract queue here: the second sees what the first took
        Contract contract = contracts.lock(found.id());
        Invoiceable open = invoiceable(contract);
        if (open.amount().signum() <= 0) {
            throw new ConflictException(409, "合同 " + contract.number() + " 没有可开票的金额：" + open.figures());
        }
        BigDecimal invoiced = amount == null ? open.amount() : amount;
        if (invoiced.compareTo(open.amount()) > 0) {
            throw new InvalidInputException("amount", "超过可开票金额 " + Money.yuan(open.amount()) + "（" + open.figures()
                    + "）");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into invoice_request (invoice_no, contract_id, opportunity_id, campus_code, title_type, "
                + "title, tax_id, amount, email, note, status, requested_by, requested_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?)").params("N" + contract.id(),
                        contract.id(), contract.opportunityId(), contract.campusCode(), type.name(), title, taxId,
                        invoiced, email, note, by, OffsetDateTime.now(clock))
                .update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("update invoice_request set invoice_no = ? where id = ?").params(Invoice.number(id), id).update();
        Invoice invoice = get(id);
        opportunities.note(contract.opportunityId(), TimelineEvent.INVOICE_REQUESTED, by, invoice.invoiceNo() + "，"
                + type.label() + "抬头 " + title + "，" + Money.yuan(invoiced));
        process.start(invoice);
        return invoice;
    }

    /**
     * What may still be invoiced on the contract: its confirmed payments, less what refunds paid back and what a
     * refund in the works would still pay back (an invoice for money going back would have to be reversed), less the
     * requests waiting and the invoices issued (not reversed).
     */
    @Transactional(readOnly = true)
    public Invoiceable invoiceable(Contract contract) {
        return invoiceable(contract, -1);
    }

    /** What may be invoiced on the contract besides the request {@code except} (which is not counted). */
    private Invoiceable invoiceable(Contract contract, long except) {
        BigDecimal confirmed = confirmed(contract);
        BigDecimal paidBack = refunds.paidBack(contract);
        BigDecimal goingBack = refunds.goingBack(contract);
        BigDecimal invoiced = jdbc.sql("select coalesce(sum(amount), 0) from invoice_request where contract_id = ? "
                + "and status in ('REQUESTED', 'ISSUED') and id <> ?").params(contract.id(), except)
                .query(BigDecimal.class).single();
        BigDecimal amount = confirmed.subtract(paidBack).subtract(goingBack).subtract(invoiced).max(BigDecimal.ZERO)
                .setScale(2);
        return new Invoiceable(amount, "已确认收款 " + Money.yuan(confirmed) + "，已退款 " + Money.yuan(paidBack)
                + (goingBack.signum() > 0 ? "，退费审批中或待退款 " + Money.yuan(goingBack) : "")
                + "，已开票或待开票 " + Money.yuan(invoiced));
    }

    /** What the family paid on the contract and kept: its confirmed payments less what refunds paid back. */
    BigDecimal paidAndKept(Contract contract) {
        return confirmed(contract).subtract(refunds.paidBack(contract));
    }

    private BigDecimal confirmed(Contract contract) {
        return payments.forContract(contract.id()).map(PaymentOrder::confirmed).orElse(BigDecimal.ZERO);
    }

    /**
     * 已开具: finance issued it on the tax platform; its number (20 digits, or 8) and day. Refused by field (400) for
     * a bad or already recorded number, a day in the future or before the request, or an amount a refund since the
     * request took back (more than may now be invoiced); 409 once decided.
     */
    @Transactional
    public Invoice issue(long id, String invoiceNumber, String issuedOn, String by) {
        InputRules rules = new InputRules();
        String number = rules.required("invoiceNumber", invoiceNumber == null ? null
                : invoiceNumber.replaceAll("[\\s\\u3000]", ""), 20);
        if (number != null && !INVOICE_NUMBER.matcher(number).matches()) {
            rules.problem("invoiceNumber", "发票号码应为 20 位数字（数电发票）或 8 位数字");
        }
        LocalDate day = rules.date("issuedOn", issuedOn, true);
        Invoice i = lock(id);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        LocalDate asked = i.requestedAt().atZoneSameInstant(BusinessTime.ZONE).toLocalDate();
        if (day != null && (day.isAfter(today) || day.isBefore(asked))) {
            rules.problem("issuedOn", "开票日期应在申请日 " + asked + " 至今天 " + today + " 之间");
        }
        rules.throwIfAny();
        requireWaiting(i);
        // a refund approved or paid since the request: the money went back, an invoice for it would be reversed
        Invoiceable open = invoiceable(contracts.lock(i.contractId()), i.id());
        if (i.amount().compareTo(open.amount()) > 0) {
            throw new InvalidInputException("invoiceDecision", "不能开具：本申请 " + Money.yuan(i.amount())
                    + " 超过现在可开票的 " + Money.yuan(open.amount()) + "（" + open.figures()
                    + "）；合同申请后已退费，请选择“不能开具”并写明原因");
        }
        try {
            jdbc.sql("update invoice_request set status = 'ISSUED', invoice_number = ?, issued_on = ?, decided_by = ?, "
                    + "decided_at = ? where id = ?").params(number, day, by, OffsetDateTime.now(clock), id).update();
        } catch (DuplicateKeyException taken) {
            String other = jdbc.sql("select invoice_no from invoice_request where invoice_number = ?").param(number)
                    .query(String.class).optional().orElse("另一申请");
            throw new InvalidInputException("invoiceNumber", "发票号码 " + number + " 已登记在开票申请 " + other + " 上");
        }
        opportunities.note(i.opportunityId(), TimelineEvent.INVOICE_ISSUED, by, i.invoiceNo() + "：发票号码 " + number
                + "，" + Money.yuan(i.amount()) + "，" + day + " 开具");
        return get(id);
    }

    /** 未开具: finance cannot issue it (a wrong title or tax id …); the reason is required. 409 once decided. */
    @Transactional
    public Invoice refuse(long id, String reason, String by) {
        InputRules rules = new InputRules();
        String why = rules.plainText("refusalReason", reason, 500, true);
        rules.throwIfAny();
        Invoice i = lock(id);
        requireWaiting(i);
        jdbc.sql("update invoice_request set status = 'REFUSED', refusal_reason = ?, decided_by = ?, decided_at = ? "
                + "where id = ?").params(why, by, OffsetDateTime.now(clock), id).update();
        opportunities.note(i.opportunityId(), TimelineEvent.INVOICE_REFUSED, by, i.invoiceNo() + "：" + why);
        return get(id);
    }

    /**
     * 红冲: an issued invoice is reversed on the tax platform (after a refund, or a wrong title), by finance of its
     * campus; its amount may be invoiced again. The reason is required; 409 unless it is issued.
     */
    @Transactional
    public Invoice reverse(String idOrNumber, String reason, String by) {
        InputRules rules = new InputRules();
        String why = rules.plainText("reason", reason, 500, true);
        rules.throwIfAny();
        Invoice i = lock(visible(idOrNumber).id());
        if (i.status() != Invoice.InvoiceStatus.ISSUED) {
            throw new ConflictException(409, "开票申请 " + i.invoiceNo() + " " + i.status().label() + "，只有已开具的发票可以红冲");
        }
        jdbc.sql("update invoice_request set status = 'REVERSED', reversed_by = ?, reversed_at = ?, "
                + "reversal_reason = ? where id = ?").params(by, OffsetDateTime.now(clock), why, i.id()).update();
        opportunities.note(i.opportunityId(), TimelineEvent.INVOICE_REVERSED, by, i.invoiceNo() + "：发票号码 "
                + i.invoiceNumber() + " 已红冲，" + why);
        return get(i.id());
    }

    /**
     * 登记发票红冲 as the Tasklist start form asks it: the invoice by its request's number (FP000012) or by the 发票号码
     * finance reads on the tax platform (20 digits for a 数电发票, 8 for an older one), of the caller's campuses; then
     * {@link #reverse}. Each refusal names its field ({@code invoice}, {@code reason}).
     */
    @Transactional
    public Invoice reverseAsked(String invoice, String reason, String by) {
        InputRules rules = new InputRules();
        String given = rules.required("invoice", invoice, 40);
        rules.plainText("reason", reason, 500, true);
        rules.throwIfAny();
        String key = given.replaceAll("\\s", "").toUpperCase();
        if (key.matches("\\d{8}|\\d{20}")) {
            Invoice issued = jdbc.sql("select " + COLUMNS + " from invoice_request where invoice_number = ?")
                    .param(key).query(this::row).optional().filter(i -> scope.current().seesCampus(i.campusCode()))
                    .orElseThrow(() -> new NotFoundException("您负责的校区中没有发票号码为 " + key + " 的发票"));
            return reverse(String.valueOf(issued.id()), reason, by);
        }
        if (!key.matches("FP\\d{1,18}")) {
            throw new InvalidInputException("invoice", "应为开票申请编号（如 FP000012）或发票号码（20 位或 8 位数字）："
                    + "“" + InputRules.abbreviate(given) + "”");
        }
        return reverse(key, reason, by);
    }

    /** A request of the caller's campuses, by its number (FP000012) or id; else 404. */
    @Transactional(readOnly = true)
    public Invoice visible(String idOrNumber) {
        String key = idOrNumber == null ? "" : idOrNumber.strip().toUpperCase();
        Optional<Invoice> found = key.matches("\\d{1,18}") ? find(Long.parseLong(key))
                : jdbc.sql("select " + COLUMNS + " from invoice_request where invoice_no = ?").param(key)
                        .query(this::row).optional();
        return found.filter(i -> scope.current().seesCampus(i.campusCode()))
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有开票申请 " + idOrNumber));
    }

    /** A contract's requests, oldest first, when the contract is of the caller's campuses (404 otherwise). */
    @Transactional(readOnly = true)
    public List<Invoice> forContract(long contractId) {
        Contract c = lookup.visible(contractId);
        return jdbc.sql("select " + COLUMNS + " from invoice_request where contract_id = ? order by id").param(c.id())
                .query(this::row).list();
    }

    public Invoice get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("开票申请不存在：" + id));
    }

    /** The contract's number, for the forms. */
    public String contractNumber(Invoice i) {
        return contracts.find(i.contractId()).map(Contract::number).orElse(null);
    }

    private Optional<Invoice> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from invoice_request where id = ?").param(id).query(this::row)
                .optional();
    }

    private Invoice lock(long id) {
        jdbc.sql("select id from invoice_request where id = ? for update").param(id).query(Long.class).single();
        return get(id);
    }

    private static void requireWaiting(Invoice i) {
        if (i.status() != Invoice.InvoiceStatus.REQUESTED) {
            throw new ConflictException(409, "开票申请 " + i.invoiceNo() + " " + i.status().label() + "，不能再处理");
        }
    }

    private Invoice row(ResultSet rs, int n) throws SQLException {
        return new Invoice(rs.getLong("id"), rs.getString("invoice_no"), rs.getLong("contract_id"),
                rs.getLong("opportunity_id"), rs.getString("campus_code"),
                Invoice.TitleType.valueOf(rs.getString("title_type")), rs.getString("title"), rs.getString("tax_id"),
                rs.getBigDecimal("amount"), rs.getString("email"), rs.getString("note"),
                Invoice.InvoiceStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                rs.getObject("requested_at", OffsetDateTime.class), rs.getString("invoice_number"),
                rs.getObject("issued_on", LocalDate.class), rs.getString("decided_by"),
                rs.getObject("decided_at", OffsetDateTime.class), rs.getString("refusal_reason"),
                rs.getString("reversed_by"), rs.getObject("reversed_at", OffsetDateTime.class),
                rs.getString("reversal_reason"));
    }
}
