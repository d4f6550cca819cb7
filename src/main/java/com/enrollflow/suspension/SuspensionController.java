package com.enrollflow.suspension;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** 休学/停课 of a contract. */
@RestController
class SuspensionController {

    private final Suspensions suspensions;

    SuspensionController(Suspensions suspensions) {
        this.suspensions = suspensions;
    }

    @Operation(summary = "登记停课（休学）：from、until（含，最长 180 天，从今天起）、reason；停课期间的课时释放，结束前三天教务收到“安排复课”任务")
    @PostMapping("/api/contracts/{contractId}/suspensions")
    @ResponseStatus(HttpStatus.CREATED)
    Suspension suspend(@PathVariable long contractId, @RequestBody Suspensions.Request request, Authentication user) {
        return suspensions.suspend(contractId, request, user.getName());
    }

    @Operation(summary = "一条停课记录")
    @GetMapping("/api/suspensions/{id}")
    Suspension get(@PathVariable long id) {
        return suspensions.visible(id);
    }
}
