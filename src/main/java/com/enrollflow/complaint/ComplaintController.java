package com.enrollflow.complaint;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** 投诉与服务请求: any staff member records one for a customer of their campuses. */
@RestController
class ComplaintController {

    private final Complaints complaints;

    ComplaintController(Complaints complaints) {
        this.complaints = complaints;
    }

    @Operation(summary = "登记投诉或服务请求：customerId 或 phone；category（教学质量、服务态度、排课、费用、环境、其他）；severity（一般、严重、"
            + "紧急，默认一般）；description。按“投诉分派与时限”分派到客户所在校区，时限按营业时间计算")
    @PostMapping("/api/complaints")
    @ResponseStatus(HttpStatus.CREATED)
    Complaint file(@RequestBody Complaints.Request request, Authentication user) {
        return complaints.file(request, user.getName());
    }

    @Operation(summary = "一条投诉（编号如 TS000012）：状态、时限、处理结果、回访满意度")
    @GetMapping("/api/complaints/{id}")
    Complaint get(@PathVariable String id) {
        return complaints.visible(id);
    }
}
