package com.enrollflow.teaching;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.common.InputRules;
import com.enrollflow.reference.BusinessTime;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** A class (班课) as those who teach and schedule read it: its roster on a day and its roll calls (班课点名). */
@RestController
class ClassController {

    private final ClassRollCalls rollCalls;
    private final Clock clock;

    ClassController(ClassRollCalls rollCalls, Clock clock) {
        this.rollCalls = rollCalls;
        this.clock = clock;
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
