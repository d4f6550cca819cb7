package com.enrollflow.reporting;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/** The funnel ({@link Funnels}) for API clients (HTTP Basic); the Cockpit board reads the same through its plugin. */
@RestController
@RequestMapping("/api/reports/funnel")
class FunnelController {

    private final Funnels funnels;

    FunnelController(Funnels funnels) {
        this.funnels = funnels;
    }

    @Operation(summary = "销售漏斗：各阶段数量与转化率（按日期、校区、渠道、活动、产品线筛选）")
    @GetMapping
    FunnelReport funnel(@RequestParam("from") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam("to") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）")
            @RequestParam(name = "campus", required = false) String campus,
            @Parameter(description = "渠道：代码或中文（PHONE、电话接访、电话）")
            @RequestParam(name = "channel", required = false) String channel,
            @RequestParam(name = "campaign", required = false) String campaign,
            @Parameter(description = "产品线：代码或中文（ONE_ON_ONE、一对一；CLASS、班课）")
            @RequestParam(name = "productLine", required = false) String productLine) {
        return funnels.report(new Funnels.Filter(from, to, campus, channel, campaign, productLine));
    }
}
