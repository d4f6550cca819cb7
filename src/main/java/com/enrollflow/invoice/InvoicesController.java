package com.enrollflow.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** 开具发票: ask for an invoice of a contract, read the requests, reverse (红冲) one issued. */
@RestController
class InvoicesController {

    /** A request as the front desk, customer service and finance read it; codes with their labels. */
    record InvoiceView(String id, long contractId, String contractNumber, String campus, String status,
            String statusLabel, String titleType, String titleTypeLabel, String title, String taxId, BigDecimal amount,
            String email, String note, String requestedBy, OffsetDateTime requestedAt, String invoiceNumber,
            LocalDate issuedOn, String decidedBy, OffsetDateTime decidedAt, String refusalReason, String reversedBy,
            OffsetDateTime reversedAt, String reversalReason) {
    }

    /** Why an invoice is reversed. */
    record Reversal(String reason) {
    }

    private final Invoices invoices;

    InvoicesController(Invoices invoices) {
        this.invoices = invoices;
    }

    @Operation(summary = "申请开具发票（前台、客服，本校区合同）：contractId 或 contract（合同编号或家长手机号）、titleType（个人/单位）、"
            + "title（发票抬头）、taxId（单位必填：统一社会信用代码）、amount（不填为全部可开票金额）、email（不填为家长登记的邮箱）、"
            + "note。可开票金额 = 已确认收款 − 已退款 − 已开票或待开票；财务在 Tasklist 中开具后家长收到邮件")
    @PostMapping("/api/invoices")
    @ResponseStatus(HttpStatus.CREATED)
    InvoiceView request(@RequestBody(required = false) Invoices.Request request, Authentication user) {
        return view(invoices.request(request, user.getName()));
    }

    @Operation(summary = "一个开票申请（编号如 FP000012）：状态、抬头、金额、发票号码和开票日期，或未开具的原因、红冲记录")
    @GetMapping("/api/invoices/{id}")
    InvoiceView get(@PathVariable String id) {
        return view(invoices.visible(id));
    }

    @Operation(summary = "一份合同的全部开票申请，最早的在前")
    @GetMapping("/api/invoices")
    List<InvoiceView> forContract(@RequestParam long contractId) {
        return invoices.forContract(contractId).stream().map(this::view).toList();
    }

    @Operation(summary = "红冲（财务，本校区）：已开具的发票在开票平台红冲后登记，reason（原因）必填；其金额可以重新开票")
    @PostMapping("/api/invoices/{id}/reversal")
    InvoiceView reverse(@PathVariable String id, @RequestBody(required = false) Reversal reversal,
            Authentication user) {
        return view(invoices.reverse(id, reversal == null ? null : reversal.reason(), user.getName()));
    }

    private InvoiceView view(Invoice i) {
        return new InvoiceView(i.invoiceNo(), i.contractId(), invoices.contractNumber(i), i.campusCode(),
                i.status().name(), i.status().label(), i.titleType().name(), i.titleType().label(), i.title(),
                i.taxId(), i.amount(), i.email(), i.note(), i.requestedBy(), i.requestedAt(), i.invoiceNumber(),
                i.issuedOn(), i.decidedBy(), i.decidedAt(), i.refusalReason(), i.reversedBy(), i.reversedAt(),
                i.reversalReason());
    }
}
