package com.enrollflow.pricing;

import java.io.IOException;
import java.math.BigDecimal;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.enrollflow.common.InputRules;
import com.enrollflow.opportunity.OpportunityAccess;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/** Price list (价目表) and quotes (报价): consultants price a plan before the process stores it. */
@RestController
class PricingController {

    private final PricingService pricing;
    private final OpportunityAccess access;
    private final Campuses campuses;
    private final PriceRateChanges rateChanges;
    private final PromotionRegistrations promotions;
    private final HourPackageChanges packages;
    private final PriceRateImport rateImport;

    PricingController(PricingService pricing, OpportunityAccess access, Campuses campuses,
            PriceRateChanges rateChanges, PromotionRegistrations promotions, HourPackageChanges packages,
            PriceRateImport rateImport) {
        this.rateChanges = rateChanges;
        this.rateImport = rateImport;
        this.packages = packages;
        this.promotions = promotions;
        this.pricing = pricing;
        this.access = access;
        this.campuses = campuses;
    }

    @Schema(description = "方案：一对一填 grade、subject、teacherLevel、lessons；班课只选 classOfferingCodes")
    record PreviewRequest(
            @Schema(description = "商机编号，可不填") Long opportunityId,
            @Schema(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）", example = "BJ-HD",
                    requiredMode = Schema.RequiredMode.REQUIRED) String campusCode,
            @Schema(description = "产品线：代码或中文（ONE_ON_ONE / 一对一，CLASS / 班课）", example = "ONE_ON_ONE",
                    requiredMode = Schema.RequiredMode.REQUIRED) String productLine,
            @Schema(description = "年级：代码或中文（J2、初二、八年级）", example = "J2") String grade,
            @Schema(description = "科目：代码或中文（MATH、数学）", example = "MATH") String subject,
            @Schema(description = "教师级别：代码或中文（STANDARD 标准教师、SENIOR 高级教师、MASTER 特级教师）")
            String teacherLevel,
            @Schema(description = "一对一课时数（60 分钟）", example = "80") Integer lessons,
            @Schema(example = "PKG80") String packageCode,
            @Schema(example = "WINTER2026") String promotionCode,
            @Schema(example = "[\"BJHD-J2-MATH-W\"]") List<String> classOfferingCodes,
            @Schema(description = "特批优惠（元）", example = "0") BigDecimal extraDiscount,
            @Schema(description = "特批原因，有特批优惠时必填") String discountReason,
            @Schema(description = "按哪天的价格，默认今天", example = "2026-12-01") LocalDate pricingDate,
            @Schema(description = "代金券编号：商机客户持有的代金券，在标准优惠后抵扣（须填 opportunityId）",
                    example = "DJQ000012") String voucherCode) {
    }

    @Operation(summary = "校区价目表：课时单价、课时包、优惠活动、班课")
    @GetMapping("/api/price-list")
    List<PriceListEntry> priceList(@Parameter(description = "校区：代码或名称（BJ-HD、北京海淀校区、海淀）")
            @RequestParam(name = "campus", required = false) String campus,
            @Parameter(description = "日期，默认今天")
            @RequestParam(name = "on", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        InputRules rules = new InputRules();
        String code = campuses.code(rules::problem, "campus", campus, true);
        rules.throwIfAny();
        access.requireCampus(code, "校区 " + code + " 的价目表");
        return pricing.priceList(code, on);
    }

    @Operation(summary = "调整课时单价（总部）：campus（校区）、teacherLevel（教师级别）、grade、subject（年级、科目，不填为所有）、"
            + "lessonPrice（每课时价格，元）、validFrom（生效日期，今天或以后）；原单价在生效前一天结束，已报出的价格不变；"
            + "同一单价同一生效日期再次提交即更正")
    @PostMapping("/api/price-list/rates")
    @ResponseStatus(HttpStatus.CREATED)
    PriceRateChanges.Changed changeRate(@RequestBody(required = false) PriceRateChanges.Request request,
            Authentication user) {
        return rateChanges.change(request, user.getName());
    }

    @Operation(summary = "导入课时单价（总部）：上传 Excel .xlsx，即经营看板「价目表」导出的“一对一课时单价”表（校区、教师级别、年级、科目、"
            + "每课时（元）、生效日期），改动的行改价格和生效日期；价格与当天单价相同的行不变。全部成功或全部不变：有错的行逐一指出")
    @PostMapping(path = "/api/price-list/rates/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PriceRateImport.Imported importRates(@RequestPart("file") MultipartFile file, Authentication user)
            throws IOException {
        return rateImport.importRates(file.getOriginalFilename(), file.getBytes(), user.getName());
    }

    @Operation(summary = "登记优惠活动（总部）：name（活动名称）、campus（校区，不填为所有校区）、productLine（产品线，不填为所有）、"
            + "percentOff（折扣比例 %）或 amountOff（立减金额，元）只填一项、validFrom、validTo（起止日期，开始日期为今天或以后）；"
            + "返回活动及其编号（如 YH270115-1），从开始日期起可在制定方案与报价中选择")
    @PostMapping("/api/price-list/promotions")
    @ResponseStatus(HttpStatus.CREATED)
    PromotionRegistrations.Published publishPromotion(
            @RequestBody(required = false) PromotionRegistrations.Request request, Authentication user) {
        return promotions.publish(request, user.getName());
    }

    @Operation(summary = "调整课时包（总部）：campus（校区）、minLessons（起购课时）、discountPercent（折扣 %）；stopped 为 true 时停用；"
            + "此后的方案按它计价，已报出的价格不变")
    @PostMapping("/api/price-list/packages")
    HourPackageChanges.Changed changePackage(@RequestBody(required = false) HourPackageChanges.Request request,
            Authentication user) {
        return packages.change(request, user.getName());
    }

    /** What 提前结束 asks besides the promotion: its new last day. */
    record PromotionEnding(String validTo) {
    }

    @Operation(summary = "提前结束优惠活动（总部）：validTo（新的最后一天，今天或以后）；尚未开始且没有报价使用的活动提前到开始之前即撤销")
    @PostMapping("/api/price-list/promotions/{code}/ending")
    PromotionRegistrations.Published endPromotion(@PathVariable String code,
            @RequestBody(required = false) PromotionEnding request, Authentication user) {
        return promotions.end(code, request == null ? null : request.validTo(), user.getName());
    }

    @Operation(summary = "试算报价（不保存）",
            description = "List price, standard discounts (hour package on the 1:1 lessons, then the promotion), "
                    + "the customer's voucher, discretionary discount, final price, lines and price per lesson; 400 "
                    + "names every bad field.")
    @PostMapping("/api/quotes/preview")
    Quote preview(@RequestBody PreviewRequest r, Principal principal) {
        InputRules rules = new InputRules();
        ProductLine productLine = rules.code("productLine", r.productLine(), ProductLine.class, false);
        Grade grade = rules.code("grade", r.grade(), Grade.class, false);
        Subject subject = rules.code("subject", r.subject(), Subject.class, false);
        TeacherLevel level = rules.code("teacherLevel", r.teacherLevel(), TeacherLevel.class, false);
        String campus = campuses.code(rules::problem, "campusCode", r.campusCode(), true);
        rules.throwIfAny();
        Long customerId = null;
        if (r.opportunityId() != null && r.opportunityId() != 0) {
            customerId = access.require(r.opportunityId()).customerId();
        }
        access.requireCampus(campus, "校区 " + campus);
        return pricing.preview(new QuoteRequest(r.opportunityId() == null ? 0 : r.opportunityId(), campus,
                productLine, grade, subject, level, r.lessons(), r.packageCode(), r.promotionCode(),
                r.classOfferingCodes(), r.extraDiscount(), r.discountReason(), principal.getName(), r.pricingDate(),
                customerId, r.voucherCode()));
    }

    @Operation(summary = "一份报价及其明细")
    @GetMapping("/api/quotes/{quoteId}")
    Quote get(@PathVariable long quoteId) {
        Quote quote = pricing.find(quoteId).orElseThrow(() -> OpportunityAccess.notFound("报价 " + quoteId));
        access.requireCampus(quote.campusCode(), "报价 " + quoteId);
        return quote;
    }
}
