package com.enrollflow.teaching;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InputRules;
import com.enrollflow.reference.BusinessTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * A class (班课) as those who teach and schedule read it: its roster on a day and its roll calls (班课点名); and the
 * opening of a class (开设班课).
 */
@RestController
class ClassController {

    private final ClassRollCalls rollCalls;
    private final ClassOfferings openings;
    private final ClassChanges changes;
    private final Clock clock;

    ClassController(ClassRollCalls rollCalls, ClassOfferings openings, ClassChanges changes, Clock clock) {
        this.rollCalls = rollCalls;
        this.changes = changes;
        this.openings = openings;
        this.clock = clock;
    }

    @Operation(summary = "开设班课：campus（校区名称或代码）、name（班级名称，本校区招生中的班级不能重名）、subject（科目）、grade（年级）、"
            + "lessons（课次）、price（整个班级的价格，元）、startsOn（开课日期）、"
            + "schedule（上课时间，如 每周六 09:00–11:00）、weekdays（上课星期，如 [\"周六\"]，可不填：填了则这些天在 "
            + "Tasklist 生成班课点名任务）、teacher（任课教师编号或姓名，可不填）；返回班级及其编号（如 BJHD-J2-MATH-2701），"
            + "此后即可在制定方案与报价中选择")
    @PostMapping("/api/classes")
    @ResponseStatus(HttpStatus.CREATED)
    Classes.ClassInfo open(@RequestBody(required = false) ClassOfferings.Request request, Authentication user) {
        return openings.open(request, user.getName()).opened();
    }

    /** What 停止招生 asks besides the class: why (满班, 开班人数不足 …). */
    record ClosingRequest(String reason) {
    }

    @Operation(summary = "停止招生：班级不再出现在价目表和制定方案与报价中，名称可以再用；点名和学员的课时照常。reason（原因）必填；"
            + "返回班级、今天仍在读的学员和说明")
    @PostMapping("/api/classes/{code}/enrolment-closing")
    ClassOfferings.Closed close(@PathVariable String code, @RequestBody(required = false) ClosingRequest request,
            Authentication user) {
        return openings.close(new ClassOfferings.Closing(code, request == null ? null : request.reason()),
                user.getName());
    }

    /** What 调整班级 asks besides the class: the new values (any of them) and why. */
    record ChangeRequest(String schedule,
            @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = com.enrollflow.common.DecimalText.class)
            String price, String startsOn, String reason, java.util.List<String> weekdays, String teacher) {
    }

    @Operation(summary = "调整班级：schedule（新的上课时间）、weekdays（新的上课星期）、teacher（新的任课教师）、"
            + "price（新的全班价格，只用于今后的报价，已签合同不变，停止招生的班级不能调）、"
            + "startsOn（新的开课日期，第一次点名之前才能改），至少一项与现在不同；reason（原因）必填。上课时间、上课星期或开课日期变了，"
            + "班上还有课时的学员家长会收到邮件。返回调整后的班级、调整内容和通知的家长数")
    @PostMapping("/api/classes/{code}/changes")
    ClassChanges.Changed change(@PathVariable String code, @RequestBody(required = false) ChangeRequest request,
            Authentication user) {
        ChangeRequest r = request == null ? new ChangeRequest(null, null, null, null, null, null) : request;
        return changes.change(new ClassChanges.Request(code, r.schedule(), r.price(), r.startsOn(), r.reason(),
                r.weekdays(), r.teacher()), user.getName());
    }

    @Operation(summary = "班级的调整记录（调整班级），最新的在前：谁、何时、原因，以及调整前后的上课时间、全班价格和开课日期")
    @GetMapping("/api/classes/{code}/changes")
    java.util.List<ClassChanges.Change> changes(@PathVariable String code) {
        return changes.history(code);
    }

    @Operation(summary = "班级：某天的在读学员（合同、剩余班课课时）、当天停课的学员，以及各次点名（出勤、请假、缺勤、课消人数，更正记录）")
    @GetMapping("/api/classes/{code}")
    ClassRollCalls.ClassView get(@PathVariable String code,
            @Parameter(description = "哪一天的在读名单，如 2026-12-05；不填为今天（北京时间）")
            @RequestParam(required = false) String on) {
        InputRules rules = new InputRules();
        LocalDate day = rules.date("on", on, false);
        rules.throwIfAny();
        return rollCalls.view(code, day == null ? LocalDate.now(clock.withZone(BusinessTime.ZONE)) : day);
    }
}
