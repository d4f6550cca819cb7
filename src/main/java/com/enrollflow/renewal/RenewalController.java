package com.enrollflow.renewal;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** 续费 of a contract. */
@RestController
class RenewalController {

    /** What staff send when a family asks to renew: an optional note. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RenewalNote")
    record Request(String note) {
    }

    private final Renewals renewals;

    RenewalController(Renewals renewals) {
        this.renewals = renewals;
    }

    @Operation(summary = "发起续费（家长提出续费时）：note（备注，可选）；由原课程顾问跟进，顾问已离开时由本校区客服跟进。"
            + "剩余课时不足时系统会自动发起，无需调用")
    @PostMapping("/api/contracts/{contractId}/renewals")
    @ResponseStatus(HttpStatus.CREATED)
    Renewal request(@PathVariable long contractId, @RequestBody(required = false) Request request,
            Authentication user) {
        return renewals.request(contractId, request == null ? null : request.note(), user.getName());
    }

    @Operation(summary = "合同的续费记录")
    @GetMapping("/api/contracts/{contractId}/renewals")
    List<Renewal> forContract(@PathVariable long contractId) {
        return renewals.forContractVisible(contractId);
    }

    @Operation(summary = "一条续费记录（编号如 XF000001，或数字 id）")
    @GetMapping("/api/renewals/{id}")
    Renewal get(@PathVariable String id) {
        return renewals.visible(id);
    }
}
