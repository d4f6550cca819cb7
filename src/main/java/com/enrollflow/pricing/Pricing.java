package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.enrollflow.common.Coded;
import com.enrollflow.common.InputRules;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * The price rules of a plan (方案与报价), CNY to the cent:
 * <ol>
 * <li>1:1 line = lessons × the most specific rate valid on the pricing date; class lines at the class price.</li>
 * <li>Hour package: its percentage off the 1:1 line only, rounded HALF_UP to the cent.</li>
 * <li>Promotion: its percentage (rounded HALF_UP to the cent) or amount off the whole order after the package.</li>
 * <li>Voucher (代金券): its whole value off the order after the standard discounts, which must stay above it.</li>
 * <li>Discretionary discount (特批优惠): at most the price after the standard discounts and the voucher minus 0.01,
 * with a reason.</li>
 * <li>The final price is shared out over the lines in proportion to their list amounts; the rounding remainder
 * goes to the largest line, so the lines add up to the final price exactly.</li>
 * </ol>
 * Every bad field is reported at once, by name. Pure: the reference data comes from a {@link PriceCatalog}.
 */
final class Pricing {

    static final int MAX_LESSONS = 500;
    static final int MAX_REASON = 500;
    static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final PriceCatalog catalog;

    Pricing(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The voucher a plan names, as its holder's vouchers found it: its code and value, or why it may not be used
     * ({@code problem}, reported on {@code voucherCode}).
     */
    record VoucherOffer(String code, BigDecimal amount, String problem) {
    }

    /** A plan without a voucher, for showing. */
    Quote preview(QuoteRequest r, LocalDate on, OffsetDateTime at) {
        return price(r, null, on, at, false);
    }

    /** A plan without a voucher, to be stored. */
    Quote newQuote(QuoteRequest r, LocalDate on, OffsetDateTime at) {
        return price(r, null, on, at, true);
    }

    /** Prices a plan for showing; opportunity and author may be missing. */
    Quote preview(QuoteRequest r, VoucherOffer voucher, LocalDate on, OffsetDateTime at) {
        return price(r, voucher, on, at, false);
    }

    /** Prices a plan that is to be stored: the opportunity and the author are required. */
    Quote newQuote(QuoteRequest r, VoucherOffer voucher, LocalDate on, OffsetDateTime at) {
        return price(r, voucher, on, at, true);
    }

    private Quote price(QuoteRequest r, VoucherOffer voucher, LocalDate on, OffsetDateTime at, boolean stored) {
        InputRules rules = new InputRules();
        if (r.opportunityId() < 0 || (stored && r.opportunityId() == 0)) {
            rules.problem("opportunityId", stored ? "必填，应为商机编号（正整数）" : "应为商机编号（正整数）");
        }
        String createdBy = stored ? rules.required("createdBy", r.createdBy(), 64)
                : rules.optional("createdBy", r.createdBy(), 64);
        String campus = rules.required("campusCode", r.campusCode(), 16);
        if (campus != null && !catalog.campusExists(campus)) {
            rules.problem("campusCode", "未知的校区代码“" + InputRules.abbreviate(campus) + "”，见 GET /api/campuses");
            campus = null;
        }
        ProductLine productLine = r.productLine();
        if (productLine == null) {
            rules.problem("productLine", "必填，可选：" + Coded.allowed(ProductLine.class));
        }

        PriceRate rate = null;
        HourPackage hourPackage = null;
        Integer lessons = null;
        if (productLine == ProductLine.ONE_ON_ONE) {
            lessons = lessons(rules, r.lessons());
            requireCode(rules, "grade", r.grade(), Grade.class);
            requireCode(rules, "subject", r.subject(), Subject.class);
            requireCode(rules, "teacherLevel", r.teacherLevel(), TeacherLevel.class);
            if (campus != null && r.grade() != null && r.subject() != null && r.teacherLevel() != null) {
                rate = rate(rules, campus, r.grade(), r.subject(), r.teacherLevel(), on);
            }
            hourPackage = hourPackage(rules, r.packageCode(), campus, lessons);
        } else if (productLine == ProductLine.CLASS) {
            if (r.teacherLevel() != null) {
                rules.problem("teacherLevel", "班课报价不选教师级别");
            }
            if (r.lessons() != null) {
                rules.problem("lessons", "班课报价的课时数由所选班课决定，不填");
            }
            if (r.packageCode() != null && !r.packageCode().isBlank()) {
                rules.problem("packageCode", "课时包只适用于一对一课时，班课报价不能使用");
            }
            if (r.classOfferingCodes() == null || r.classOfferingCodes().isEmpty()) {
                rules.problem("classOfferingCodes", "班课报价至少选择一个班课");
            }
        }
        Promotion promotion = promotion(rules, r.promotionCode(), campus, productLine, on);
        List<ClassOffering> classes = classes(rules, r.classOfferingCodes(), campus, r.grade());
        BigDecimal extra = extraDiscount(rules, r.extraDiscount());
        String reason = rules.optional("discountReason", r.discountReason(), MAX_REASON);
        if (extra != null && extra.signum() > 0 && (r.discountReason() == null || r.discountReason().isBlank())) {
            rules.problem("discountReason", "有特批优惠时必须填写原因");
        }
        if (voucher != null && voucher.problem() != null) {
            rules.problem("voucherCode", voucher.problem());
        }
        rules.throwIfAny();

        // list amounts
        List<Draft> drafts = new ArrayList<>();
        BigDecimal oneOnOneList = ZERO;
        if (rate != null) {
            oneOnOneList = rate.lessonPrice().multiply(BigDecimal.valueOf(lessons)).setScale(2, RoundingMode.HALF_UP);
            drafts.add(new Draft(QuoteLine.LESSONS, itemCode(r), String.join(" ", ProductLine.ONE_ON_ONE.label(),
                    r.grade().label(), r.subject().label(), r.teacherLevel().label(), lessons + "课时"), lessons,
                    rate.lessonPrice().setScale(2, RoundingMode.HALF_UP), oneOnOneList));
        }
        for (ClassOffering c : classes) {
            // 插班: a class under way sells the lessons left, at their share of the class's price
            drafts.add(new Draft(QuoteLine.CLASS, c.code(), c.name(), c.left(),
                    c.price().divide(BigDecimal.valueOf(c.lessons()), 2, RoundingMode.HALF_UP), c.priceOfLeft()));
        }
        BigDecimal listPrice = drafts.stream().map(Draft::listAmount).reduce(ZERO, BigDecimal::add);

        // standard discounts: package on the 1:1 line, then the promotion on the whole order
        BigDecimal packageDiscount = hourPackage == null ? ZERO : percentOf(oneOnOneList, hourPackage.discountPercent());
        BigDecimal afterPackage = listPrice.subtract(packageDiscount);
        BigDecimal promotionDiscount = ZERO;
        if (promotion != null) {
            promotionDiscount = promotion.percentOff() != null ? percentOf(afterPackage, promotion.percentOff())
                    : promotion.amountOff().setScale(2, RoundingMode.HALF_UP);
        }
        InputRules limits = new InputRules();
        if (promotionDiscount.compareTo(afterPackage) >= 0) {
            limits.problem("promotionCode", "优惠活动立减 " + promotionDiscount + " 元，不低于订单金额 " + afterPackage
                    + " 元，不能使用");
        }
        BigDecimal standardDiscount = packageDiscount.add(promotionDiscount);
        BigDecimal afterStandard = listPrice.subtract(standardDiscount);
        BigDecimal voucherAmount = voucher == null ? ZERO : voucher.amount().setScale(2, RoundingMode.HALF_UP);
        boolean fits = promotionDiscount.compareTo(afterPackage) < 0;
        if (fits && voucherAmount.compareTo(afterStandard) >= 0) {
            limits.problem("voucherCode", "代金券 " + voucher.code() + " 面值 " + voucherAmount + " 元，不低于标准优惠后价格 "
                    + afterStandard + " 元，不能用于此方案（成交价须大于 0）");
            fits = false;
        }
        BigDecimal afterVoucher = afterStandard.subtract(voucherAmount);
        BigDecimal maxExtra = afterVoucher.subtract(CENT);
        if (extra.compareTo(maxExtra) > 0 && fits) {
            limits.problem("extraDiscount", "特批优惠最多 " + maxExtra + " 元（" + (voucherAmount.signum() > 0
                    ? "标准优惠与代金券后价格 " : "标准优惠后价格 ") + afterVoucher + " 元，成交价须大于 0）");
        }
        limits.throwIfAny();

        BigDecimal finalPrice = afterVoucher.subtract(extra);
        int totalLessons = drafts.stream().mapToInt(Draft::lessons).sum();
        BigDecimal discountPercent = extra.signum() == 0 ? ZERO
                : extra.multiply(HUNDRED).divide(afterVoucher, 2, RoundingMode.HALF_UP);
        BigDecimal totalDiscountPercent = listPrice.subtract(finalPrice).multiply(HUNDRED)
                .divide(listPrice, 2, RoundingMode.HALF_UP);
        BigDecimal unitPrice = finalPrice.divide(BigDecimal.valueOf(totalLessons), 2, RoundingMode.HALF_UP);

        // each line's price after its own standard discount (the package is the 1:1 line's alone): the promotion, the
        // voucher and the extra discount are shared in proportion to it, so a class beside the 1:1 lessons gets no
        // package share
        List<BigDecimal> afterOwnDiscount = drafts.stream().map(d -> QuoteLine.LESSONS.equals(d.kind())
                ? d.listAmount().subtract(packageDiscount) : d.listAmount()).toList();
        List<BigDecimal> shares = allocate(finalPrice, afterOwnDiscount);
        List<QuoteLine> lines = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            BigDecimal share = shares.get(i);
            lines.add(new QuoteLine(i + 1, d.kind(), d.itemCode(), d.description(), d.lessons(), d.unitListPrice(),
                    d.listAmount(), share, share.divide(BigDecimal.valueOf(d.lessons()), 2, RoundingMode.HALF_UP)));
        }
        return new Quote(0, r.opportunityId(), campus, productLine, r.grade(), r.subject(),
                productLine == ProductLine.ONE_ON_ONE ? r.teacherLevel() : null, totalLessons,
                hourPackage == null ? null : hourPackage.code(), promotion == null ? null : promotion.code(),
                listPrice, standardDiscount, extra, extra.signum() > 0 ? reason : null, finalPrice, discountPercent,
                totalDiscountPercent, unitPrice, QuoteStatus.DRAFT, createdBy, at, lines,
                voucherAmount.signum() > 0 ? voucher.code() : null, voucherAmount);
    }

    private record Draft(String kind, String itemCode, String description, int lessons, BigDecimal unitListPrice,
            BigDecimal listAmount) {
    }

    /** amount × percent / 100, rounded HALF_UP to the cent. */
    static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return amount.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /**
     * Shares {@code total} out in proportion to {@code weights}, each share rounded HALF_UP to the cent; the
     * remainder goes to the largest weight (the first of equals), so the shares add up to the total exactly.
     */
    static List<BigDecimal> allocate(BigDecimal total, List<BigDecimal> weights) {
        BigDecimal sum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> shares = new ArrayList<>();
        int largest = 0;
        for (int i = 0; i < weights.size(); i++) {
            shares.add(total.multiply(weights.get(i)).divide(sum, 2, RoundingMode.HALF_UP));
            if (weights.get(i).compareTo(weights.get(largest)) > 0) {
                largest = i;
            }
        }
        BigDecimal remainder = total.subtract(shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        shares.set(largest, shares.get(largest).add(remainder));
        return shares;
    }

    /**
     * The package a plan of {@code lessons} 1:1 lessons gets (课时包随课时数): the largest discount among the active
     * 1:1 packages whose minimum it reaches, the higher minimum on a tie; none below every minimum. The consultant
     * never picks a package, so a package and a number of lessons can never disagree.
     */
    static Optional<HourPackage> bestPackage(List<HourPackage> packages, int lessons) {
        return packages.stream()
                .filter(p -> p.active() && p.productLine() == ProductLine.ONE_ON_ONE && p.minLessons() <= lessons)
                .max(Comparator.comparing(HourPackage::discountPercent).thenComparingInt(HourPackage::minLessons));
    }

    /** The most specific rate of the combination valid on the day (grade + subject > grade > subject > any). */
    static Optional<PriceRate> bestRate(List<PriceRate> rates, Grade grade, Subject subject, TeacherLevel level,
            LocalDate on) {
        return rates.stream()
                .filter(x -> x.validOn(on) && x.teacherLevel() == level && x.covers(grade, subject))
                .max(Comparator.comparingInt(PriceRate::specificity).thenComparing(PriceRate::validFrom)
                        .thenComparingLong(PriceRate::id));
    }

    private PriceRate rate(InputRules rules, String campus, Grade grade, Subject subject, TeacherLevel level,
            LocalDate on) {
        List<PriceRate> rates = catalog.rates(campus);
        Optional<PriceRate> best = bestRate(rates, grade, subject, level, on);
        if (best.isPresent()) {
            return best.get();
        }
        boolean otherLevels = rates.stream().anyMatch(x -> x.validOn(on) && x.covers(grade, subject));
        if (otherLevels) {
            rules.problem("teacherLevel", "校区 " + campus + " 在 " + on + " 没有" + level.label() + "教" + grade.label()
                    + subject.label() + "的课时单价，请换一个教师级别");
        } else {
            rules.problem("grade", "校区 " + campus + " 在 " + on + " 没有" + grade.label() + subject.label()
                    + "一对一的课时单价");
        }
        return null;
    }

    private static Integer lessons(InputRules rules, Integer lessons) {
        if (lessons == null) {
            rules.problem("lessons", "必填，1 到 " + MAX_LESSONS + " 之间的整数");
            return null;
        }
        if (lessons < 1 || lessons > MAX_LESSONS) {
            rules.problem("lessons", "应为 1 到 " + MAX_LESSONS + " 之间的整数（现为 " + lessons + "）");
            return null;
        }
        return lessons;
    }

    private static <E extends Enum<E> & Coded> void requireCode(InputRules rules, String field, E value,
            Class<E> type) {
        if (value == null) {
            rules.problem(field, "一对一报价必填，可选：" + Coded.allowed(type));
        }
    }

    private HourPackage hourPackage(InputRules rules, String rawCode, String campus, Integer lessons) {
        String code = rules.optional("packageCode", rawCode, 32);
        if (code == null) {
            return null;
        }
        List<HourPackage> packages = catalog.hourPackages(code);
        if (packages.isEmpty()) {
            rules.problem("packageCode", "未知的课时包“" + InputRules.abbreviate(code) + "”");
            return null;
        }
        if (campus == null) {
            return null;
        }
        HourPackage p = packages.stream().filter(x -> x.campusCode().equals(campus)).findFirst().orElse(null);
        if (p == null) {
            rules.problem("packageCode", "课时包 " + code + " 不适用于校区 " + campus);
        } else if (p.productLine() != ProductLine.ONE_ON_ONE) {
            rules.problem("packageCode", "课时包 " + code + " 属于" + p.productLine().label() + "产品线，不适用于一对一报价");
        } else if (!p.active()) {
            rules.problem("packageCode", "课时包 " + code + "（" + p.name() + "）已停用");
        } else if (lessons != null && lessons < p.minLessons()) {
            rules.problem("packageCode", p.name() + "至少需要 " + p.minLessons() + " 课时（现为 " + lessons + " 课时）");
        } else {
            return p;
        }
        return null;
    }

    private Promotion promotion(InputRules rules, String rawCode, String campus, ProductLine productLine,
            LocalDate on) {
        String code = rules.optional("promotionCode", rawCode, 32);
        if (code == null) {
            return null;
        }
        Promotion p = catalog.promotion(code).orElse(null);
        if (p == null) {
            rules.problem("promotionCode", "未知的优惠活动“" + InputRules.abbreviate(code) + "”");
        } else if (on.isBefore(p.validFrom())) {
            rules.problem("promotionCode", "优惠活动 " + code + "（" + p.name() + "）" + p.validFrom() + " 起才有效");
        } else if (on.isAfter(p.validTo())) {
            rules.problem("promotionCode", "优惠活动 " + code + "（" + p.name() + "）已于 " + p.validTo() + " 结束");
        } else if (campus != null && p.campusCode() != null && !p.campusCode().equals(campus)) {
            rules.problem("promotionCode", "优惠活动 " + code + "（" + p.name() + "）不适用于校区 " + campus);
        } else if (productLine != null && p.productLine() != null && p.productLine() != productLine) {
            rules.problem("promotionCode", "优惠活动 " + code + "（" + p.name() + "）只适用于" + p.productLine().label());
        } else {
            return p;
        }
        return null;
    }

    /** The classes chosen, each of the campus, open, with lessons left, and for the student's grade (when known). */
    private List<ClassOffering> classes(InputRules rules, List<String> codes, String campus, Grade grade) {
        List<ClassOffering> classes = new ArrayList<>();
        if (codes == null) {
            return classes;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String field = "classOfferingCodes[" + i + "]";
            String code = rules.required(field, codes.get(i), 32);
            if (code == null) {
                continue;
            }
            if (!seen.add(code)) {
                rules.problem(field, "重复选择了班课 " + code);
                continue;
            }
            ClassOffering c = catalog.classOffering(code).orElse(null);
            if (c == null) {
                rules.problem(field, "未知的班课“" + InputRules.abbreviate(code) + "”");
            } else if (campus != null && !c.campusCode().equals(campus)) {
                rules.problem(field, "班课 " + code + "（" + c.name() + "）属于校区 " + c.campusCode() + "，不是 " + campus);
            } else if (!c.active()) {
                rules.problem(field, "班课 " + code + "（" + c.name() + "）已停止招生");
            } else if (c.left() == 0) {
                rules.problem(field, "班课 " + code + "（" + c.name() + "）的 " + c.lessons() + " 次课已全部上完");
            } else if (grade != null && c.grade() != grade) {
                rules.problem(field, "班课 " + code + "（" + c.name() + "）面向" + c.grade().label() + "，学员是"
                        + grade.label() + "，不能选");
            } else {
                classes.add(c);
            }
        }
        return classes;
    }

    private static BigDecimal extraDiscount(InputRules rules, BigDecimal extra) {
        if (extra == null) {
            return ZERO;
        }
        if (extra.signum() < 0) {
            rules.problem("extraDiscount", "不能为负数");
            return null;
        }
        if (extra.stripTrailingZeros().scale() > 2) {
            rules.problem("extraDiscount", "最多两位小数（精确到分）");
            return null;
        }
        return extra.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static String itemCode(QuoteRequest r) {
        return "1V1-" + r.grade().name() + "-" + r.subject().name() + "-" + r.teacherLevel().name();
    }
}
