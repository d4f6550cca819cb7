package com.enrollflow.payment;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.enrollflow.common.Coded;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.LabelIndex;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.opportunity.OpportunityAccess;

import io.swagger.v3.oas.annotations.Operation;

/** Payment orders, desk payments outside Tasklist (e.g. a later installment), finance confirmation, gateway callback. */
@RestController
class PaymentController {

    record DeskPayment(String method, BigDecimal amount, String reference) {
    }

    record Confirmation(Boolean received) {
    }

    private final PaymentService payments;
    private final GatewayCallbacks callbacks;
    private final PaymentSignal signal;
    private final Receipts receipts;
    private final CallbackRateLimiter limiter;

    private final OpportunityAccess access;
    private final BankStatements statements;
    private final TransferConfirmations confirmations;

    PaymentController(PaymentService payments, GatewayCallbacks callbacks, PaymentSignal signal, Receipts receipts,
            CallbackRateLimiter limiter, OpportunityAccess access, BankStatements statements,
            TransferConfirmations confirmations) {
        this.confirmations = confirmations;
        this.statements = statements;
        this.limiter = limiter;
        this.access = access;
        this.receipts = receipts;
        this.payments = payments;
        this.callbacks = callbacks;
        this.signal = signal;
    }

    @Operation(summary = "缴费单：应付、分期、已收款项与收据编号")
    @GetMapping("/api/payment-orders/{orderNo}")
    PaymentOrder order(@PathVariable String orderNo) {
        PaymentOrder order = payments.findByNo(orderNo)
                .orElseThrow(() -> OpportunityAccess.notFound("缴费单 " + orderNo));
        visible(order, "缴费单 " + orderNo);
        return order;
    }

    /** Orders and payments are the campus's of their opportunity (校区数据范围); others answer "not found". */
    private void visible(PaymentOrder order, String what) {
        try {
            access.require(order.opportunityId());
        } catch (NotFoundException e) {
            throw OpportunityAccess.notFound(what);
        }
    }

    private void visiblePayment(long paymentId) {
        PaymentOrder order = payments.findByPayment(paymentId)
                .orElseThrow(() -> OpportunityAccess.notFound("款项 " + paymentId));
        visible(order, "款项 " + paymentId);
    }

    @Operation(summary = "某商机的缴费单")
    @GetMapping("/api/payment-orders")
    List<PaymentOrder> forOpportunity(@RequestParam long opportunityId) {
        access.require(opportunityId);
        return payments.forOpportunity(opportunityId);
    }

    /** A payment taken at the desk; the Idempotency-Key makes a retried request record it once. */
    @Operation(summary = "前台收款（须带 Idempotency-Key；电话支付与银行转账待财务确认）")
    @PostMapping("/api/payment-orders/{orderNo}/payments")
    ResponseEntity<PaymentService.Recorded> pay(@PathVariable String orderNo,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody DeskPayment body,
            Authentication user) {
        if (key == null || key.isBlank() || key.length() > 80) {
            throw new InvalidInputException("Idempotency-Key", "必填（最长 80 个字符），重试时使用同一个值");
        }
        PaymentMethod method = deskMethod(body.method());
        InputRules rules = new InputRules();
        // a phone or bank transfer is found by finance by its reference, as the form 收取分期款 asks for it
        String reference = rules.plainText("reference", body.reference(), 200, method.needsConfirmation());
        rules.throwIfAny();
        PaymentOrder order = order(orderNo);
        PaymentService.Recorded r;
        try {
            r = payments.record(order.id(), method, body.amount(), "DESK:" + key, reference, user.getName());
        } catch (InvalidInputException e) {
            // the service names the sale form's field (实收金额, paymentAmount); this request calls it amount
            throw new InvalidInputException(e.problems().stream().map(p -> "paymentAmount".equals(p.field())
                    ? new FieldProblem("amount", p.message()) : p).toList());
        }
        if (!r.duplicate()) {
            signal.paymentArrived(order.opportunityId());
        }
        return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(r);
    }

    /**
     * The method as the code, its label or a variant (现金, 微信, 转账 …); online payments come only from the gateway,
     * so 线上支付 is refused like an unknown method.
     */
    static PaymentMethod deskMethod(String given) {
        EnumSet<PaymentMethod> desk = EnumSet.complementOf(EnumSet.of(PaymentMethod.ONLINE));
        String choices = LabelIndex.of(PaymentMethod.class).choices(desk);
        if (given == null || given.isBlank()) {
            throw new InvalidInputException("method", "必填，可选：" + choices);
        }
        return Coded.parse(PaymentMethod.class, given).filter(desk::contains)
                .orElseThrow(() -> new InvalidInputException("method", (Coded.parse(PaymentMethod.class, given)
                        .isPresent() ? "前台不能登记" : "未知的" + Coded.noun(PaymentMethod.class)) + "“"
                        + InputRules.abbreviate(given.strip()) + "”，可选：" + choices));
    }

    /**
     * Finance confirms or rejects a phone or bank-transfer payment; one the desk recorded in Tasklist is decided by
     * completing its 确认到账, so the sale goes on (or back to the desk) as after finance's decision in Tasklist.
     */
    @Operation(summary = "财务确认或驳回一笔电话支付/银行转账",
            description = "前台在 Tasklist 登记的款项：同时办结其“确认到账”任务，签约与缴费流程随之继续（未到账则退回前台重新收款）")
    @PostMapping("/api/payments/{paymentId}/confirmation")
    PaymentService.Recorded confirm(@PathVariable long paymentId, @RequestBody Confirmation body, Authentication user) {
        if (body.received() == null) {
            throw new InvalidInputException("received", "必填：true（已到账）或 false（未到账）");
        }
        visiblePayment(paymentId);
        // a later installment's chase (催缴逾期分期款) ends when its money is confirmed: decide wakes it
        return confirmations.decide(paymentId, body.received(), user.getName());
    }

    /**
     * 银行流水对账 for a bank's direct connection or a finance tool: the statement as a file, answered with the report
     * Tasklist's 银行流水对账 shows (every line, what became of it, the transfers still waiting).
     */
    @Operation(summary = "银行流水对账：上传网银交易明细（.xlsx 或 CSV），流水号（或附言）与登记的凭证号相符且金额相同的待确认银行转账确认到账",
            description = "只核对本人负责校区的银行转账；金额不符、无法确定、未找到的行只列出，不做更改；同一文件再次上传不会重复确认")
    @PostMapping(path = "/api/payments/bank-statements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    BankStatements.Report reconcile(@RequestPart("file") MultipartFile file, Authentication user) {
        if (file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) {
            throw new InvalidInputException("file", "请上传网银导出的交易明细文件");
        }
        try {
            return statements.reconcile(file.getOriginalFilename().strip(), file.getBytes(), user.getName());
        } catch (java.io.IOException e) {
            throw new InvalidInputException("file", "文件未能完整上传，请重新上传");
        }
    }

    /** The receipt (收据) of a confirmed payment, as a PDF named after its number. */
    @Operation(summary = "收据 PDF（仅限已到账的款项）")
    @GetMapping("/api/payments/{paymentId}/receipt")
    ResponseEntity<byte[]> receipt(@PathVariable long paymentId) {
        visiblePayment(paymentId);
        byte[] pdf = receipts.receipt(paymentId);
        String no = receipts.receiptNo(paymentId);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment().filename(no + ".pdf").build()
                                .toString())
                .body(pdf);
    }

    /** The online gateway's server-to-server callback; authenticated by its signature, not by a staff login. */
    @Operation(summary = "支付平台回调：HMAC-SHA256 签名（X-Gateway-Signature），按交易号幂等；签名无效的请求按来源地址限流（429）")
    @PostMapping("/api/payments/gateway/callback")
    ResponseEntity<Map<String, String>> callback(@RequestBody GatewayCallbacks.Callback body,
            @RequestHeader(name = "X-Gateway-Signature", required = false) String signature,
            jakarta.servlet.http.HttpServletRequest request) {
        GatewayCallbacks.Result result = callbacks.receive(body, signature, request.getRemoteAddr());
        if (result == GatewayCallbacks.Result.THROTTLED) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(org.springframework.http.HttpHeaders.RETRY_AFTER, String.valueOf(limiter.retryAfterSeconds()))
                    .body(Map.of("result", result.name(), "detail", "签名无效的回调过多，请稍后再试"));
        }
        if (result == GatewayCallbacks.Result.REJECTED) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("result", result.name(),
                    "detail", "签名无效"));
        }
        return ResponseEntity.ok(Map.of("result", result.name()));
    }
}
