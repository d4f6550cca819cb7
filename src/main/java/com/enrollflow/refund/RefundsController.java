package com.enrollflow.refund;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.contract.ContractService;
import com.enrollflow.customer.KeptDocuments;
import com.enrollflow.reference.StaffRole;

import io.swagger.v3.oas.annotations.Operation;

/** 退费申请: request one, read one with its computation, approvals and payouts. */
@RestController
class RefundsController {

    record LevelView(String group, String label) {
    }

    record ApprovalView(int level, String group, String groupLabel, String decision, String decisionLabel,
            String comment, String decidedBy, OffsetDateTime decidedAt) {
    }

    record PayoutView(long paymentId, String channel, String channelLabel, BigDecimal amount, String voucher,
            String bankAccount, String paidBy, OffsetDateTime paidAt) {
    }

    record PendingView(long paymentId, String method, String methodLabel, String channel, String channelLabel,
            BigDecimal amount) {
    }

    /** A refund as every approver and finance see it; money as the other endpoints give it (CNY, 2 decimals). */
    record RefundView(String id, long contractId, String contractNumber, long opportunityId, String campus,
            String status, String statusLabel, String reason, String reasonLabel, String note, BigDecimal amount,
            BigDecimal paid, BigDecimal consumedValue, int consumedLessons, int purchasedLessons, BigDecimal unitPrice,
            BigDecimal fees, String feeName, BigDecimal shortfall, String computation, List<LevelView> approvalLevels,
            List<ApprovalView> approvals, List<PayoutView> payouts, List<PendingView> toPayBack, String requestedBy,
            OffsetDateTime requestedAt, String rejectionComment, OffsetDateTime paidOutAt, String agreementNo,
            boolean withdrawal, String cancelledBy, String cancelReason, String classCode, Integer lessonsBack,
            BigDecimal owedLess, BigDecimal unpaidForgone) {
    }

    private final Refunds refunds;
    private final RefundPayouts payouts;
    private final RefundAgreements agreements;
    private final ContractService contracts;
    private final KeptDocuments kept;

    RefundsController(Refunds refunds, RefundPayouts payouts, RefundAgreements agreements, ContractService contracts,
            KeptDocuments kept) {
        this.refunds = refunds;
        this.payouts = payouts;
        this.agreements = agreements;
        this.contracts = contracts;
        this.kept = kept;
    }

    @Operation(summary = "退费确认书（PDF，退款完成后生成并归档；读取时核对 SHA-256）。客户的个人信息已删除的，确认书仅作"
            + "法定保存，只有财务可以调阅（403）")
    @GetMapping(value = "/api/refunds/{id}/agreement", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> agreement(@PathVariable String id, Authentication user) {
        Refund r = refunds.visible(id);
        kept.requireReadable(r.customerId(), user, "退费确认书" + (r.agreementNo() == null ? "" : " "
                + r.agreementNo()));
        byte[] pdf = agreements.document(id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(r.agreementNo() + ".pdf").build().toString())
                .body(pdf);
    }

    @Operation(summary = "申请退费（客服、前台，本校区合同）：金额按规则计算，不可填写；原因：个人原因、教学不满意、搬家或转学、时间冲突、其他"
            + "（代码或中文）；多付款退还（OVERPAYMENT）只退已确认收款超出应收的部分（已作废合同：全部收款），"
            + "课时、合同和业绩不变；withdrawal = true 为退学（退还全部剩余，结束排课）；"
            + "leaveClass（班级编号或名称）为退班：只退这个班剩余的课时，合同其他课程照常，未缴的部分抵减分期款；"
            + "lessons（整数）为退部分课时：只退回这些一对一课时，其余照常上课，多排的课从最后一节起取消。"
            + "每份合同同时只能有一个进行中的退费申请")
    @PostMapping("/api/refunds")
    @ResponseStatus(HttpStatus.CREATED)
    RefundView request(@RequestBody Refunds.Request request, Authentication user) {
        return view(refunds.request(request, user.getName()));
    }

    @Operation(summary = "撤销退费申请（客服、前台，本校区）：最后一级审批之前可撤销，须填写原因 reason；流程随即结束，合同可再次申请")
    @PostMapping("/api/refunds/{id}/cancellation")
    RefundView cancel(@PathVariable String id, @RequestBody Refunds.Cancellation cancellation, Authentication user) {
        return view(refunds.cancel(id, cancellation, user.getName()));
    }

    @Operation(summary = "一个退费申请：状态、计算过程、审批层级与意见、已退款和待退款（编号如 TF000012）")
    @GetMapping("/api/refunds/{id}")
    RefundView get(@PathVariable String id) {
        return view(refunds.visible(id));
    }

    @Operation(summary = "一份合同的全部退费申请")
    @GetMapping("/api/refunds")
    List<RefundView> forContract(@RequestParam long contractId) {
        return refunds.forContract(contractId).stream().map(this::view).toList();
    }

    private RefundView view(Refund r) {
        List<LevelView> levels = r.requiredLevels().stream().map(g -> new LevelView(g, StaffRole.labelOf(g))).toList();
        List<ApprovalView> approvals = refunds.approvals(r.id()).stream()
                .map(a -> new ApprovalView(a.levelNo() + 1, a.approvalGroup(), StaffRole.labelOf(a.approvalGroup()),
                        a.approved() ? RefundApprovals.APPROVE : RefundApprovals.REJECT, a.approved() ? "同意" : "驳回",
                        a.comment(), a.decidedBy(), a.decidedAt()))
                .toList();
        List<PayoutView> paid = refunds.payouts(r.id()).stream()
                .map(p -> new PayoutView(p.paymentId(), p.channel().name(), p.channel().label(), p.amount(),
                        p.voucher(), p.bankAccount(), p.paidBy(), p.paidAt()))
                .toList();
        List<PendingView> pending = r.status() == RefundStatus.APPROVED ? payouts.plan(r.id()).stream()
                .map(a -> new PendingView(a.paymentId(), a.method().name(), a.method().label(), a.channel().name(),
                        a.channel().label(), a.amount()))
                .toList() : List.of();
        String contractNumber = contracts.find(r.contractId()).map(c -> c.number()).orElse(null);
        return new RefundView(r.refundNo(), r.contractId(), contractNumber, r.opportunityId(), r.campusCode(),
                r.status().name(), r.status().label(), r.reason().name(), refunds.reasonLabel(r), r.note(), r.amount(),
                r.paid(), r.consumedValue(), r.consumedLessons(), r.purchasedLessons(), r.unitPrice(), r.fees(),
                r.feeName(), r.shortfall(), r.computation(), levels, approvals, paid, pending, r.requestedBy(),
                r.requestedAt(), r.rejectionComment(), r.paidOutAt(), r.agreementNo(), r.withdrawal(), r.cancelledBy(),
                r.cancelReason(), r.classCode(), r.lessonsBack(), r.owedLess(), r.unpaidForgone());
    }
}
