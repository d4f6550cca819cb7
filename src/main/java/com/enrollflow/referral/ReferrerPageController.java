package com.enrollflow.referral;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.reference.BusinessTime;

import io.swagger.v3.oas.annotations.Operation;

/** The referrer's page of a customer record (介绍的客户与转介绍奖励). */
@RestController
class ReferrerPageController {

    private final ReferrerPages pages;
    private final Clock clock;

    ReferrerPageController(ReferrerPages pages, Clock clock) {
        this.pages = pages;
        this.clock = clock;
    }

    @Operation(summary = "客户介绍来的家庭（本校区）：介绍时间、是否已缴费、每个家庭带来的转介绍奖励及其状态，以及客户持有的代金券"
            + "（编号、金额、有效期）")
    @GetMapping("/api/customers/{id}/referrals")
    ReferrerPages.ReferrerPage referrals(@PathVariable("id") long id) {
        return pages.of(id, LocalDate.now(clock.withZone(BusinessTime.ZONE)));
    }
}
