package com.enrollflow.lead;

import io.swagger.v3.oas.annotations.media.Schema;

/** A lead as a channel hands it in (POST /api/leads, one row of an import, the Tasklist start form). */
@Schema(description = "线索：name、phone、channel 必填")
public record LeadRequest(
        @Schema(description = "客户（学生或家长）姓名", example = "张小明", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,
        @Schema(description = "电话，可带 +86、空格或横线", example = "138-0013-8000", requiredMode = Schema.RequiredMode.REQUIRED)
        String phone,
        @Schema(description = "来源渠道：代码或中文，如 PHONE / 电话接访 / 电话（见 docs/lead-api.md）", example = "PHONE",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String channel,
        String email,
        @Schema(description = "意向校区：代码或名称，如 BJ-HD / 北京海淀校区 / 海淀（见 GET /api/campuses）", example = "BJ-HD")
        String campus,
        @Schema(description = "产品线：ONE_ON_ONE / 一对一 / 1对1，CLASS / 班课", example = "ONE_ON_ONE")
        String productLine,
        @Schema(description = "年级：代码或中文，如 J2 / 初二 / 初中二年级 / 八年级", example = "J2")
        String grade,
        @Schema(description = "科目：代码或中文，如 MATH / 数学 / 数", example = "MATH")
        String subject,
        String goal,
        String campaign,
        @Schema(description = "介绍人姓名（转介绍）：与您负责校区中唯一一位客户同名时关联到该客户，否则按文字保存", example = "王大明")
        String referrer,
        String notes,
        @Schema(description = "介绍人手机号（仅转介绍渠道）：须是您负责校区中已登记的客户，关联到该客户并在成单后发放转介绍奖励",
                example = "139-0013-9000")
        String referrerPhone,
        @Schema(description = "学生生日（可选），ISO 日期 yyyy-MM-dd；不能晚于今天，学生年龄须在 2–30 岁之间（生日问候用）",
                example = "2012-05-20")
        String studentBirthDate) {

    /** A lead without the student's birth date (every caller from before birthdays were kept). */
    public LeadRequest(String name, String phone, String channel, String email, String campus, String productLine,
            String grade, String subject, String goal, String campaign, String referrer, String notes,
            String referrerPhone) {
        this(name, phone, channel, email, campus, productLine, grade, subject, goal, campaign, referrer, notes,
                referrerPhone, null);
    }

    /** A lead without a referrer's phone (imports, and every caller from before referrals were linked). */
    public LeadRequest(String name, String phone, String channel, String email, String campus, String productLine,
            String grade, String subject, String goal, String campaign, String referrer, String notes) {
        this(name, phone, channel, email, campus, productLine, grade, subject, goal, campaign, referrer, notes, null);
    }
}
