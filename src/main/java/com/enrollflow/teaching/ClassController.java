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
    private final Clock clock;

    ClassController(ClassRollCalls rollCalls, ClassOfferings openings, Clock clock) {
        this.rollCalls = rollCalls;
        this.openings = openings;
        this.clock = clock;
    }

    @Operation(summary = "开设班课：campus（校区名称或代码）、name（班级名称，本校区招生中的班级不能重名）、subject（科目）、grade（年级）、"
            + "lessons（课次）、price（整个班级的价格，元）、startsOn（开课日期）、"
            + "schedule（上课时间，如 每周六 09:00–11:00）；返回班级及其编号（如 BJHD-J2-MATH-2701），"
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
