package com.enrollflow.transfer;

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

/** 转课 and 转班 of a contract. */
@RestController
class TransferController {

    private final Transfers transfers;

    TransferController(Transfers transfers) {
        this.transfers = transfers;
    }

    @Operation(summary = "申请转课：subject（科目）、teacherLevel（教师级别）、reason、refundDifference（家长是否要求退还差价）；"
            + "剩余一对一课时按现行价目表转入新课程，差价补缴、经审批退还或留作余额，新课程重新排课")
    @PostMapping("/api/contracts/{contractId}/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    Transfer request(@PathVariable long contractId, @RequestBody Transfers.Request request, Authentication user) {
        return transfers.request(contractId, request, user.getName());
    }

    @Operation(summary = "申请转班：fromClass（转出班级，合同只有一个班级时可不填）、toClass（转入班级：本校区班级的编号或名称）、"
            + "reason、refundDifference（家长是否要求退还差价）；剩余班课课时按转入班级的每次课价格转入，差价补缴、经审批退还或留作余额")
    @PostMapping("/api/contracts/{contractId}/class-transfers")
    @ResponseStatus(HttpStatus.CREATED)
    Transfer requestClass(@PathVariable long contractId, @RequestBody Transfers.ClassRequest request,
            Authentication user) {
        return transfers.requestClass(contractId, request, user.getName());
    }

    @Operation(summary = "合同的转课、转班记录")
    @GetMapping("/api/contracts/{contractId}/transfers")
    List<Transfer> forContract(@PathVariable long contractId) {
        return transfers.forContractVisible(contractId);
    }

    @Operation(summary = "一条转课或转班记录（编号如 ZK000001，或数字 id）")
    @GetMapping("/api/transfers/{id}")
    Transfer get(@PathVariable String id) {
        return transfers.visible(id);
    }
}
