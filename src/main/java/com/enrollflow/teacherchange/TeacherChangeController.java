package com.enrollflow.teacherchange;

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

/** 更换教师 of a contract. */
@RestController
class TeacherChangeController {

    private final TeacherChanges changes;

    TeacherChangeController(TeacherChanges changes) {
        this.changes = changes;
    }

    @Operation(summary = "申请更换教师：reason（必填），preferredTeacher（家长希望的新教师，可选：姓名或工号）；尚未开始的课"
            + "取消，剩余课时按原科目和教师级别重新排课，原教师除外，家长希望的教师优先；不涉及费用，课时台账不变")
    @PostMapping("/api/contracts/{contractId}/teacher-changes")
    @ResponseStatus(HttpStatus.CREATED)
    TeacherChange request(@PathVariable long contractId, @RequestBody TeacherChanges.Request request,
            Authentication user) {
        return changes.request(contractId, request, user.getName());
    }

    @Operation(summary = "撤销更换教师（教务、客服、前台，本校区）：新课表确认之前可撤销，须填写原因 reason；为新教师的排课随之结束，"
            + "剩余课时从明天起按原科目和教师级别重新排课，原教师优先；合同随即可以退费、停课、转课或再次更换教师")
    @PostMapping("/api/teacher-changes/{id}/withdrawal")
    TeacherChange withdraw(@PathVariable String id, @RequestBody TeacherChanges.Withdrawal withdrawal,
            Authentication user) {
        return changes.withdraw(id, withdrawal, user.getName());
    }

    @Operation(summary = "合同的更换教师记录")
    @GetMapping("/api/contracts/{contractId}/teacher-changes")
    List<TeacherChange> forContract(@PathVariable long contractId) {
        return changes.forContractVisible(contractId);
    }

    @Operation(summary = "一条更换教师记录（编号如 HJ000001，或数字 id）")
    @GetMapping("/api/teacher-changes/{id}")
    TeacherChange get(@PathVariable String id) {
        return changes.visible(id);
    }
}
