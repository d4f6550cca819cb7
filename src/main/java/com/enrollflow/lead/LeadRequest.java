package com.enrollflow.lead;

import io.swagger.v3.oas.annotations.media.Schema;

/** A lead as a channel hands it in (POST /api/leads, one row of an import, the Tasklist start form). */
@Schema(description = "线索：name、phone、channel 必填")
public record LeadRequest(
        @Schema(description = "客户（学生或家长）姓名", example = "张小明", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(description = "电话，可带 +86、空格或横线", example = "138-0013-8000", requiredMode = Schema.RequiredMode.REQUIRED)
        String phone,
        @Schema(description = "来源渠道", example = "PHONE", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"PHONE", "ONLINE_CHAT", "WEB_FORM", "WALK_IN", "CAMPAIGN", "PARTNER", "REFERRAL", "TRANSFER"})
        String channel,
        String email,
        @Schema(description = "意向校区代码，见 GET /api/campuses", example = "BJ-HD")
        String campus,
        @Schema(allowableValues = {"ONE_ON_ONE", "CLASS"})
        String productLine,
        @Schema(example = "J2")
        String grade,
        @Schema(example = "MATH")
        String subject,
        String goal,
        String campaign,
        String referrer,
        String notes) {
}
