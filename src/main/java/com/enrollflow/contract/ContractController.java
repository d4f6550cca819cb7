package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.customer.KeptDocuments;
import com.enrollflow.opportunity.OpportunityAccess;

import io.swagger.v3.oas.annotations.Operation;

/** Issued contracts (合同) and their archived PDFs, for sales, front desk, finance and management. */
@RestController
class ContractController {

    static final String CHECKSUM_HEADER = "X-Checksum-SHA256";

    private final ContractService contracts;
    private final OpportunityAccess access;
    private final HoursLedgers hours;
    private final KeptDocuments kept;

    ContractController(ContractService contracts, OpportunityAccess access, HoursLedgers hours, KeptDocuments kept) {
        this.contracts = contracts;
        this.access = access;
        this.hours = hours;
        this.kept = kept;
    }

    /** A contract of a campus the caller works for (校区数据范围); any other is "not found". */
    private Contract visible(long id) {
        Contract contract = contracts.find(id).orElseThrow(() -> OpportunityAccess.notFound("合同 " + id));
        access.requireCampus(contract.campusCode(), "合同 " + id);
        return contract;
    }

    record ContractView(long id, String number, String campusCode, int year, int seq, long quoteId,
            long opportunityId, long customerId, BigDecimal finalPrice, String status, String statusLabel,
            OffsetDateTime issuedAt, String issuedBy, String sha256, int pdfSize, String cancelReason,
            String cancelledBy, OffsetDateTime cancelledAt, List<HoursLine> hours) {
    }

    @Operation(summary = "合同信息：编号、报价、商机、合同总价、状态、存档文件的 SHA-256，以及课时台账（每个合同行的购买、赠送、已消、补课、转入转出、退费、剩余课时）")
    @GetMapping("/api/contracts/{id}")
    ContractView get(@PathVariable long id) {
        return view(visible(id));
    }

    @Operation(summary = "下载合同 PDF（存档原件，校验 SHA-256 后发出；响应头 X-Checksum-SHA256）。客户的个人信息已删除的，"
            + "原件仅作法定保存，只有财务可以调阅（403）")
    @GetMapping("/api/contracts/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, Authentication user) {
        Contract contract = visible(id);
        kept.requireReadable(contract.customerId(), user, "合同 " + contract.number() + " 的原件");
        ContractDocument document = contracts.document(id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(document.fileName()).build().toString())
                .header(CHECKSUM_HEADER, document.sha256())
                .contentLength(document.pdf().length)
                .body(document.pdf());
    }

    @Operation(summary = "商机的全部合同（含已作废）")
    @GetMapping("/api/contracts")
    List<ContractView> forOpportunity(@RequestParam long opportunityId) {
        access.require(opportunityId);
        return contracts.forOpportunity(opportunityId).stream().map(this::view).toList();
    }

    @ExceptionHandler(ContractIntegrityException.class)
    ProblemDetail corrupt(ContractIntegrityException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, e.getMessage());
        problem.setTitle("合同文件已损坏");
        return problem;
    }

    private ContractView view(Contract c) {
        var cancellation = contracts.cancellation(c.id());
        return new ContractView(c.id(), c.number(), c.campusCode(), c.year(), c.seq(), c.quoteId(),
                c.opportunityId(), c.customerId(), c.finalPrice(), c.status(),
                ContractStatus.valueOf(c.status()).label(), c.issuedAt(), c.issuedBy(), c.sha256(), c.pdfSize(),
                cancellation.map(ContractRepository.Cancellation::reason).orElse(null),
                cancellation.map(ContractRepository.Cancellation::by).orElse(null),
                cancellation.map(ContractRepository.Cancellation::at).orElse(null), hours.lines(c.id()));
    }
}
