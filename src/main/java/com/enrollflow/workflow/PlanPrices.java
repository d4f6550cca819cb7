package com.enrollflow.workflow;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.enrollflow.pricing.PriceListEntry;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * What 制定方案与报价 (forms/make-plan.form) shows before it is submitted: the campus's prices for the student's grade,
 * as a task-local JSON value the form's expressions compute the quote with, by the rules of {@code Pricing}. Amounts
 * are whole fen (分) and percentages basis points (5 % = 500), so the form's arithmetic stays exact; the quote itself
 * is still priced on the server when the form is submitted.
 */
public final class PlanPrices {

    private PlanPrices() {
    }

    /**
     * {rates: {MATH: {SENIOR: 30000}}, packages: [{name, min, bp}] best first, promotions: {code: {bp} or {off}},
     * classes: {code: {price}}}.
     */
    public static Map<String, Object> of(List<PriceListEntry> entries, Map<Subject, Map<TeacherLevel, BigDecimal>> prices) {
        Map<String, Object> rates = new LinkedHashMap<>();
        prices.forEach((subject, byLevel) -> rates.put(subject.name(), byLevel.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().name(), e -> fen(e.getValue()), (a, b) -> a,
                        LinkedHashMap::new))));
        // the form takes the first package whose minimum the lessons reach: the largest discount first, as
        // PricingService.bestPackage chooses
        List<Map<String, Object>> packages = packages(entries).stream()
                .sorted(Comparator.comparing(PriceListEntry::percentOff).thenComparing(PriceListEntry::lessons)
                        .reversed())
                .map(p -> Map.<String, Object>of("name", p.name(), "min", p.lessons(), "bp", basisPoints(p.percentOff())))
                .toList();
        Map<String, Object> promotions = new LinkedHashMap<>();
        entries.stream().filter(e -> e.kind() == PriceListEntry.Kind.PROMOTION).forEach(p -> promotions.put(p.code(),
                p.percentOff() != null ? Map.of("bp", basisPoints(p.percentOff())) : Map.of("off", fen(p.amountOff()))));
        Map<String, Object> classes = new LinkedHashMap<>();
        entries.stream().filter(e -> e.kind() == PriceListEntry.Kind.CLASS)
                .forEach(c -> classes.put(c.code(), Map.of("price", fen(c.price()), "lessons", c.lessons())));
        return Map.of("rates", rates, "packages", packages, "promotions", promotions, "classes", classes);
    }

    /** 满 40 课时减 5%（40课时包）；满 80 课时减 10%（80课时包）, or that the campus has none. */
    public static String packageRule(List<PriceListEntry> entries) {
        List<PriceListEntry> packages = packages(entries).stream()
                .sorted(Comparator.comparing(PriceListEntry::lessons)).toList();
        if (packages.isEmpty()) {
            return "本校区暂无课时包";
        }
        return "按课时数自动选用最优惠的一档：" + packages.stream().map(p -> "满 " + p.lessons() + " 课时，一对一课时费减 "
                + PriceListEntry.percentShown(p.percentOff()) + "（" + p.name() + "）").collect(Collectors.joining("；"));
    }

    /** 减 5%, or 立减 ¥200.00; and the product line it is limited to. */
    public static String promotionTerms(PriceListEntry p) {
        String terms = PriceListEntry.discountShown(p.percentOff(), p.amountOff());
        return p.productLine() == null ? terms : p.productLine().label() + terms;
    }

    private static List<PriceListEntry> packages(List<PriceListEntry> entries) {
        return entries.stream()
                .filter(e -> e.kind() == PriceListEntry.Kind.PACKAGE && e.productLine() == ProductLine.ONE_ON_ONE)
                .toList();
    }

    /** Yuan to whole fen, as the form computes. */
    static long fen(BigDecimal yuan) {
        return yuan.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    private static long basisPoints(BigDecimal percent) {
        return percent.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }
}
