package com.enrollflow.marketing;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** 市场活动, kept by marketing. */
@RestController
class CampaignController {

    private final Campaigns campaigns;

    CampaignController(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Operation(summary = "登记市场活动：name（活动名称，线索的“活动”与它相同即归入该活动）、channel（渠道）、campus（校区，总部活动不填）、"
            + "startsOn、endsOn（起止日期）、cost（费用，元）")
    @PostMapping("/api/campaigns")
    @ResponseStatus(HttpStatus.CREATED)
    Campaign create(@RequestBody(required = false) Campaigns.Request request, Authentication user) {
        return campaigns.create(request, user.getName());
    }

    @Operation(summary = "修改市场活动（例如活动结束后登记实际费用）：字段同登记")
    @PutMapping("/api/campaigns/{id}")
    Campaign update(@PathVariable long id, @RequestBody(required = false) Campaigns.Request request,
            Authentication user) {
        return campaigns.update(id, request, user.getName());
    }

    @Operation(summary = "可见的市场活动：总部的和所负责校区的")
    @GetMapping("/api/campaigns")
    List<Campaign> list() {
        return campaigns.visible();
    }
}
