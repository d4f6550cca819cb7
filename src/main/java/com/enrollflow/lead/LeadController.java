package com.enrollflow.lead;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.enrollflow.common.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

@RestController
@RequestMapping("/api/leads")
class LeadController {

    private final LeadIntakeService intake;
    private final LeadImportService imports;
    private final LeadImportTemplate template;

    LeadController(LeadIntakeService intake, LeadImportService imports, LeadImportTemplate template) {
        this.intake = intake;
        this.imports = imports;
        this.template = template;
    }

    @Operation(summary = "登记一条线索（任一渠道）",
            description = "201 answers the customer, whether the customer already had an open opportunity "
                    + "(duplicate: the enquiry went to its owner as 客户再次咨询) and the open opportunities the caller's "
                    + "campuses may see; an owner at another campus is named in followedElsewhere (by whom, where), "
                    + "nothing more. "
                    + "A retry with the same Idempotency-Key returns the first answer and creates nothing.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<LeadIntakeResult> receive(@RequestBody LeadRequest request,
            @Parameter(description = "client-chosen key, at most 200 characters")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            Principal principal) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidInputException("Idempotency-Key", "长度应为 1 到 200 个字符");
        }
        var answer = intake.receive(request, principal.getName(),
                LeadIntakeService.API_SCOPE_PREFIX + principal.getName(), idempotencyKey);
        var result = answer.result();
        var response = ResponseEntity.status(HttpStatus.CREATED)
                .header("Idempotent-Replayed", String.valueOf(answer.replayed()));
        if (result.customerId() != null) {
            response.location(URI.create("/api/customers/" + result.customerId()));
        }
        if (!result.opportunities().isEmpty()) {
            response.header("X-Opportunity-Id", String.valueOf(result.opportunities().get(0).opportunityId()));
        }
        return response.body(result);
    }

    @Operation(summary = "批量导入线索（CSV 或 Excel .xlsx）",
            description = "Each good row becomes a lead exactly as through POST /api/leads; the answer reports "
                    + "every row. Re-importing the same rows creates nothing new. Headers and coded cells in "
                    + "Chinese (the template's) or as API names and codes.")
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    LeadImportService.ImportReport importFile(@RequestPart("file") MultipartFile file,
            @Parameter(description = "channel for rows without one (default CAMPAIGN)")
            @RequestParam(name = "channel", required = false) String channel,
            @Parameter(description = "campaign for rows without one")
            @RequestParam(name = "campaign", required = false) String campaign,
            @Parameter(description = "campus (code or Chinese name) for rows without one, one the caller works for; "
                    + "none: such rows go to the call centre")
            @RequestParam(name = "campus", required = false) String campus,
            Principal principal) {
        return imports.importFile(file, new LeadImportService.Defaults(channel, campaign, campus),
                principal.getName());
    }

    @Operation(summary = "下载线索导入模板（Excel .xlsx）",
            description = "Sheet 线索 with the Chinese headers the import reads and drop-down lists of the allowed "
                    + "Chinese values (渠道, 校区 — the caller's campuses —, 产品线, 年级, 科目); sheet 填写说明 with the "
                    + "rules and an example row. Filled in and uploaded to POST /api/leads/import, it imports.")
    @GetMapping("/import/template")
    ResponseEntity<byte[]> importTemplate() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(LeadImportTemplate.FILE_NAME, StandardCharsets.UTF_8).build().toString())
                .body(template.workbook());
    }
}
