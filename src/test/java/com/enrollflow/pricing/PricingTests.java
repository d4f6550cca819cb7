package com.enrollflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/** The price rules without Spring: rate choice, discounts to the cent, line shares and every field problem. */
class PricingTests {

    static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    /** Reference data in memory: campus HQ (and OTHER), rates, packages, promotions and classes. */
    static final class MemoryCatalog implements PriceCatalog {
        final Set<String> campuses = Set.of("HQ", "OTHER");
        final List<PriceRate> rates = new ArrayList<>();
        final List<HourPackage> packages = new ArrayList<>();
        final List<Promotion> promotions = new ArrayList<>();
        final List<ClassOffering> classes = new ArrayList<>();

        MemoryCatalog rate(Grade grade, Subject subject, TeacherLevel level, String price, LocalDate from,
                LocalDate to) {
            rates.add(new PriceRate(rates.size() + 1, "HQ", grade, subject, level, new BigDecimal(price), from, to));
            return this;
        }

        @Override
        public boolean campusExists(String campusCode) {
            return campuses.contains(campusCode);
        }

        @Override
        public List<PriceRate> rates(String campusCode) {
            return rates.stream().filter(r -> r.campusCode().equals(campusCode)).toList();
        }

        @Override
        public List<HourPackage> hourPackages(String code) {
            return packages.stream().filter(p -> p.code().equals(code)).toList();
        }

        @Override
        public Optional<Promotion> promotion(String code) {
            return promotions.stream().filter(p -> p.code().equals(code)).findFirst();
        }

        @Override
        public Optional<ClassOffering> classOffering(String code) {
            return classes.stream().filter(c -> c.code().equals(code)).findFirst();
        }
    }

    static MemoryCatalog catalog() {
        LocalDate from = LocalDate.of(2026, 1, 1);
        MemoryCatalog c = new MemoryCatalog()
                .rate(null, null, TeacherLevel.SENIOR, "200.00", from, null)
                .rate(null, Subject.MATH, TeacherLevel.SENIOR, "210.00", from, null)
                .rate(Grade.J2, null, TeacherLevel.SENIOR, "220.00", from, null)
                .rate(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, "230.00", from, null)
                // an older J2 math rate that ended, and a later one not valid yet
                .rate(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, "999.00", LocalDate.of(2025, 1, 1),
                        LocalDate.of(2025, 12, 31))
                .rate(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, "888.00", LocalDate.of(2027, 1, 1), null)
                .rate(Grade.J3, Subject.PHYSICS, TeacherLevel.MASTER, "283.33", from, null)
                .rate(Grade.P3, Subject.MATH, TeacherLevel.STANDARD, "180.00", from, null);
        c.packages.add(new HourPackage("PKG30", "HQ", ProductLine.ONE_ON_ONE, "30课时包", 30, new BigDecimal("7.50"),
                true));
        c.packages.add(new HourPackage("PKG40", "HQ", ProductLine.ONE_ON_ONE, "40课时包", 40, new BigDecimal("5.00"),
                true));
        c.packages.add(new HourPackage("OLD", "HQ", ProductLine.ONE_ON_ONE, "旧课时包", 10, new BigDecimal("20.00"),
                false));
        c.packages.add(new HourPackage("FAR", "OTHER", ProductLine.ONE_ON_ONE, "外校课时包", 10,
                new BigDecimal("5.00"), true));
        c.promotions.add(new Promotion("ODD", "3.33折扣", null, null, new BigDecimal("3.33"), null,
                LocalDate.of(2026, 11, 1), LocalDate.of(2027, 2, 28)));
        c.promotions.add(new Promotion("MINUS200", "立减200", null, null, null, new BigDecimal("200.00"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)));
        c.promotions.add(new Promotion("SUMMER", "暑期", null, null, new BigDecimal("5.00"), null,
                LocalDate.of(2026, 6, 1), LocalDate.of(2026, 8, 31)));
        c.promotions.add(new Promotion("SPRING", "春季", null, null, new BigDecimal("5.00"), null,
                LocalDate.of(2027, 3, 1), LocalDate.of(2027, 4, 30)));
        c.promotions.add(new Promotion("OTHERONLY", "外校专享", "OTHER", null, new BigDecimal("5.00"), null,
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)));
        c.promotions.add(new Promotion("CLASSONLY", "班课专享", null, ProductLine.CLASS, new BigDecimal("5.00"), null,
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)));
        c.promotions.add(new Promotion("MINUS5000", "立减5000", null, null, null, new BigDecimal("5000.00"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31)));
        c.classes.add(new ClassOffering("C1", "HQ", "初三物理寒假班", Subject.PHYSICS, Grade.J3, 13,
                new BigDecimal("1999.99"), LocalDate.of(2027, 1, 20), true, 0, null));
        c.classes.add(new ClassOffering("C2", "HQ", "初三化学寒假班", Subject.CHEMISTRY, Grade.J3, 11,
                new BigDecimal("1333.33"), LocalDate.of(2027, 1, 21), true, 0, null));
        c.classes.add(new ClassOffering("MATHW", "HQ", "初二数学寒假班", Subject.MATH, Grade.J2, 16,
                new BigDecimal("2528.00"), LocalDate.of(2027, 1, 20), true, 0, null));
        c.classes.add(new ClassOffering("CLOSED", "HQ", "已停班", Subject.MATH, Grade.J2, 16,
                new BigDecimal("2528.00"), LocalDate.of(2027, 1, 20), false, 0, null));
        c.classes.add(new ClassOffering("UNDERWAY", "HQ", "初二数学秋季班", Subject.MATH, Grade.J2, 16,
                new BigDecimal("2528.00"), LocalDate.of(2026, 9, 5), true, 6, null));
        c.classes.add(new ClassOffering("ENDED", "HQ", "初二数学暑假班", Subject.MATH, Grade.J2, 16,
                new BigDecimal("2528.00"), LocalDate.of(2026, 7, 5), true, 16, null));
        c.classes.add(new ClassOffering("FARCLASS", "OTHER", "外校班", Subject.MATH, Grade.J2, 16,
                new BigDecimal("2528.00"), LocalDate.of(2027, 1, 20), true, 0, null));
        return c;
    }

    final Pricing pricing = new Pricing(catalog());

    static QuoteRequest oneOnOne(Grade grade, Subject subject, TeacherLevel level, Integer lessons, String pkg,
            String promotion, List<String> classes, String extra, String reason) {
        return new QuoteRequest(7, "HQ", ProductLine.ONE_ON_ONE, grade, subject, level, lessons, pkg, promotion,
                classes, extra == null ? null : new BigDecimal(extra), reason, "liwei", DAY);
    }

    static QuoteRequest classes(List<String> classes, String promotion) {
        return new QuoteRequest(7, "HQ", ProductLine.CLASS, Grade.J2, Subject.MATH, null, null, null, promotion,
                classes, null, null, "liwei", DAY);
    }

    private BigDecimal unitListPrice(Grade grade, Subject subject, LocalDate on) {
        QuoteRequest r = new QuoteRequest(0, "HQ", ProductLine.ONE_ON_ONE, grade, subject, TeacherLevel.SENIOR, 10,
                null, null, null, null, null, null, on);
        return pricing.preview(r, on, AT).lines().get(0).unitListPrice();
    }

    @Test
    void shouldGiveThePackageWithTheLargestDiscountTheLessonsReach() {
        List<HourPackage> hq = catalog().packages.stream().filter(p -> p.campusCode().equals("HQ")).toList();
        assertThat(Pricing.bestPackage(hq, 29)).as("below every active minimum; the inactive one never counts")
                .isEmpty();
        assertThat(Pricing.bestPackage(hq, 30)).map(HourPackage::code).hasValue("PKG30");
        // 40 lessons reach both: the 30-lesson package gives more (7.5 % against 5 %)
        assertThat(Pricing.bestPackage(hq, 40)).map(HourPackage::code).hasValue("PKG30");
        List<HourPackage> tiers = List.of(
                new HourPackage("P40", "HQ", ProductLine.ONE_ON_ONE, "40课时包", 40, new BigDecimal("5.00"), true),
                new HourPackage("P80", "HQ", ProductLine.ONE_ON_ONE, "80课时包", 80, new BigDecimal("10.00"), true),
                new HourPackage("P80B", "HQ", ProductLine.CLASS, "班课包", 80, new BigDecimal("30.00"), true));
        assertThat(Pricing.bestPackage(tiers, 79)).map(HourPackage::code).hasValue("P40");
        assertThat(Pricing.bestPackage(tiers, 80)).as("a class package never applies to 1:1 lessons")
                .map(HourPackage::code).hasValue("P80");
    }

    @Test
    void shouldTakeTheMostSpecificRateValidOnThePricingDate() {
        assertThat(unitListPrice(Grade.J2, Subject.MATH, DAY)).isEqualByComparingTo("230.00");
        assertThat(unitListPrice(Grade.J2, Subject.ENGLISH, DAY)).isEqualByComparingTo("220.00");
        assertThat(unitListPrice(Grade.J3, Subject.MATH, DAY)).isEqualByComparingTo("210.00");
        assertThat(unitListPrice(Grade.J3, Subject.ENGLISH, DAY)).isEqualByComparingTo("200.00");
        assertThat(unitListPrice(Grade.J2, Subject.MATH, LocalDate.of(2027, 1, 1))).isEqualByComparingTo("888.00");
        // before 2026 only the ended J2 math rate was valid
        assertThat(unitListPrice(Grade.J2, Subject.MATH, LocalDate.of(2025, 6, 1))).isEqualByComparingTo("999.00");
    }

    @Test
    void shouldApplyPackageThenPromotionThenExtraDiscountExactToTheCent() {
        Quote q = pricing.preview(oneOnOne(Grade.J3, Subject.PHYSICS, TeacherLevel.MASTER, 37, "PKG30", "ODD",
                List.of("C1", "C2"), "100.00", "老客户续费"), DAY, AT);

        // 37 × 283.33 = 10483.21; + 1999.99 + 1333.33
        assertThat(q.listPrice()).isEqualByComparingTo("13816.53");
        // package 7.5 % of the 1:1 line only = 786.24075 → 786.24; promotion 3.33 % of 13030.29 = 433.9086… → 433.91
        assertThat(q.standardDiscount()).isEqualByComparingTo("1220.15");
        assertThat(q.extraDiscount()).isEqualByComparingTo("100.00");
        assertThat(q.finalPrice()).isEqualByComparingTo("12496.38");
        // 100 / 12596.38 = 0.79 %; (13816.53 - 12496.38) / 13816.53 = 9.55 %
        assertThat(q.discountPercent()).isEqualByComparingTo("0.79");
        assertThat(q.totalDiscountPercent()).isEqualByComparingTo("9.55");
        assertThat(q.lessons()).isEqualTo(61);
        assertThat(q.unitPrice()).isEqualByComparingTo("204.86");
        assertThat(q.discountReason()).isEqualTo("老客户续费");
        assertThat(q.packageCode()).isEqualTo("PKG30");
        assertThat(q.promotionCode()).isEqualTo("ODD");
        assertThat(q.status()).isEqualTo(QuoteStatus.DRAFT);

        assertThat(q.lines()).extracting(QuoteLine::kind).containsExactly("LESSONS", "CLASS", "CLASS");
        assertThat(q.lines().get(0).description()).isEqualTo("一对一 初三 物理 特级教师 37课时");
        assertThat(q.lines().get(1).description()).isEqualTo("初三物理寒假班");
        assertThat(q.lines()).extracting(QuoteLine::unitListPrice).map(BigDecimal::toPlainString)
                .containsExactly("283.33", "153.85", "121.21");
        // shared in proportion to each line after its own package (the 1:1 line's 9696.97, the classes' list
        // prices): 9299.64 + 1918.04 + 1278.70 = 12496.38; a missing cent would go to the largest line
        assertThat(q.lines()).extracting(QuoteLine::finalAmount).map(BigDecimal::toPlainString)
                .containsExactly("9299.64", "1918.04", "1278.70");
        assertThat(q.lines()).extracting(QuoteLine::unitPrice).map(BigDecimal::toPlainString)
                .containsExactly("251.34", "147.54", "116.25");
    }

    @Test
    void shouldGiveThePackageDiscountToTheOneOnOneLessonsOnly() {
        Quote q = pricing.preview(oneOnOne(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 40, "PKG40", null,
                List.of("MATHW"), null, null), DAY, AT);
        // 40 × 230 = 9200 → 5 % = 460.00, not 5 % of 11728.00
        assertThat(q.listPrice()).isEqualByComparingTo("11728.00");
        assertThat(q.standardDiscount()).isEqualByComparingTo("460.00");
        assertThat(q.finalPrice()).isEqualByComparingTo("11268.00");
        assertThat(q.discountPercent()).isEqualByComparingTo("0.00");
        assertThat(q.discountReason()).isNull();
        assertThat(q.lines().stream().map(QuoteLine::finalAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(q.finalPrice());
        // on the contract and for every refund or transfer: the 1:1 lessons at their package price, the class whole
        assertThat(q.lines()).extracting(QuoteLine::finalAmount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("8740.00"), new BigDecimal("2528.00"));
        assertThat(q.lines().get(0).unitPrice()).isEqualByComparingTo("218.50");
    }

    @Test
    void shouldPriceAClassQuoteAtTheClassPriceWithAnAmountOff() {
        Quote q = pricing.preview(classes(List.of("MATHW"), "MINUS200"), DAY, AT);
        assertThat(q.teacherLevel()).isNull();
        assertThat(q.lessons()).isEqualTo(16);
        assertThat(q.listPrice()).isEqualByComparingTo("2528.00");
        assertThat(q.standardDiscount()).isEqualByComparingTo("200.00");
        assertThat(q.finalPrice()).isEqualByComparingTo("2328.00");
        assertThat(q.unitPrice()).isEqualByComparingTo("145.50");
        assertThat(q.totalDiscountPercent()).isEqualByComparingTo("7.91");
        assertThat(q.lines()).singleElement().satisfies(l -> {
            assertThat(l.itemCode()).isEqualTo("MATHW");
            assertThat(l.unitListPrice()).isEqualByComparingTo("158.00");
            assertThat(l.finalAmount()).isEqualByComparingTo("2328.00");
        });
    }

    @Test
    void shouldSellAClassUnderWayForItsLessonsLeftAndNoLongerSellOneThatHasEnded() {
        // 插班: 6 of the 16 lessons have had their roll call; the family buys the 10 left, at 10/16 of the price
        Quote q = pricing.preview(classes(List.of("UNDERWAY"), null), DAY, AT);
        assertThat(q.lessons()).isEqualTo(10);
        assertThat(q.listPrice()).isEqualByComparingTo("1580.00");
        assertThat(q.finalPrice()).isEqualByComparingTo("1580.00");
        assertThat(q.lines()).singleElement().satisfies(l -> {
            assertThat(l.lessons()).isEqualTo(10);
            assertThat(l.unitListPrice()).isEqualByComparingTo("158.00");
        });

        InvalidInputException ended = catchThrowableOfType(InvalidInputException.class,
                () -> pricing.preview(classes(List.of("ENDED"), null), DAY, AT));
        assertThat(ended.problems()).containsExactly(new FieldProblem("classOfferingCodes[0]",
                "班课 ENDED（初二数学暑假班）的 16 次课已全部上完"));
    }

    @Test
    void shouldShareOutSoTheLinesAddUpExactly() {
        assertThat(Pricing.allocate(new BigDecimal("100.00"), List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .map(BigDecimal::toPlainString).containsExactly("33.34", "33.33", "33.33");
        // 4.2857 → 4.29 twice and 1.4286 → 1.43 make 10.01: the largest line gives the cent back
        assertThat(Pricing.allocate(new BigDecimal("10.00"),
                List.of(new BigDecimal("1.00"), new BigDecimal("3.00"), new BigDecimal("3.00"))))
                .map(BigDecimal::toPlainString).containsExactly("1.43", "4.28", "4.29");
    }

    @Test
    void shouldAllowAnExtraDiscountUpToOneCentBelowThePriceAfterStandardDiscounts() {
        // 10 × 180 = 1800.00
        Quote lowest = pricing.preview(oneOnOne(Grade.P3, Subject.MATH, TeacherLevel.STANDARD, 10, null, null, null,
                "1799.99", "特批"), DAY, AT);
        assertThat(lowest.finalPrice()).isEqualByComparingTo("0.01");
        assertThat(lowest.discountPercent()).isEqualByComparingTo("100.00");

        assertProblems(oneOnOne(Grade.P3, Subject.MATH, TeacherLevel.STANDARD, 10, null, null, null, "1800.00",
                "特批"), "extraDiscount");
        assertProblems(oneOnOne(Grade.P3, Subject.MATH, TeacherLevel.STANDARD, 10, null, null, null, "10.005",
                "特批"), "extraDiscount");
        assertProblems(oneOnOne(Grade.P3, Subject.MATH, TeacherLevel.STANDARD, 10, null, null, null, "10.00", " "),
                "discountReason");
    }

    @Test
    void shouldNameEachMissingFieldOfAOneOnOneQuote() {
        assertProblems(new QuoteRequest(7, null, null, null, null, null, null, null, null, null, null, null, "liwei",
                DAY), "campusCode", "productLine");
        assertProblems(new QuoteRequest(7, "HQ", ProductLine.ONE_ON_ONE, null, null, null, null, null, null, null,
                null, null, "liwei", DAY), "grade", "subject", "teacherLevel", "lessons");
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> pricing.preview(new QuoteRequest(0, "NOWHERE", ProductLine.ONE_ON_ONE, Grade.J2, Subject.MATH,
                        TeacherLevel.SENIOR, 10, null, null, null, null, null, null, DAY), DAY, AT));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("campusCode");
            assertThat(p.message()).contains("NOWHERE");
        });
    }

    @Test
    void shouldNameEveryBadFieldAtOnce() {
        assertProblems(oneOnOne(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 501, "NOPE", "SUMMER",
                List.of("NOPE", "FARCLASS", "CLOSED", "MATHW", "MATHW"), "-1", "因".repeat(501)),
                "lessons", "packageCode", "promotionCode", "classOfferingCodes[0]", "classOfferingCodes[1]",
                "classOfferingCodes[2]", "classOfferingCodes[4]", "extraDiscount", "discountReason");
    }

    @Test
    void shouldRefusePackagesAndPromotionsThatDoNotApply() {
        assertProblems(oneOnOne(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 39, "PKG40", null, null, null, null),
                "packageCode");
        assertProblems(oneOnOne(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 40, "FAR", null, null, null, null),
                "packageCode");
        assertProblems(oneOnOne(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 40, "OLD", null, null, null, null),
                "packageCode");
        for (String promotion : List.of("NOPE", "SUMMER", "SPRING", "OTHERONLY", "CLASSONLY", "MINUS5000")) {
            assertProblems(oneOnOne(Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 10, null, promotion, null, null,
                    null), "promotionCode");
        }
        assertThat(pricing.preview(classes(List.of("MATHW"), "CLASSONLY"), DAY, AT).standardDiscount())
                .isEqualByComparingTo("126.40");
    }

    @Test
    void shouldBlameTheTeacherLevelWhenOnlyAnotherLevelHasARateAndElseTheGrade() {
        InvalidInputException level = catchThrowableOfType(InvalidInputException.class, () -> pricing.preview(
                oneOnOne(Grade.P3, Subject.MATH, TeacherLevel.MASTER, 10, null, null, null, null, null), DAY, AT));
        assertThat(level.problems()).extracting(FieldProblem::field).containsExactly("teacherLevel");
        assertThat(level.problems().get(0).message()).contains("特级教师");
        // in 2024 no rate of any level covers the grade
        assertProblems(new QuoteRequest(7, "HQ", ProductLine.ONE_ON_ONE, Grade.K, Subject.MATH, TeacherLevel.SENIOR,
                10, null, null, null, null, null, "liwei", LocalDate.of(2024, 6, 1)), "grade");
    }

    @Test
    void shouldKeepClassQuotesToClasses() {
        assertProblems(new QuoteRequest(7, "HQ", ProductLine.CLASS, Grade.J2, Subject.MATH, TeacherLevel.SENIOR, 40,
                "PKG40", null, List.of(), null, null, "liwei", DAY),
                "teacherLevel", "lessons", "packageCode", "classOfferingCodes");
    }

    @Test
    void shouldRequireOpportunityAndAuthorOnlyForAStoredQuote() {
        QuoteRequest anonymous = new QuoteRequest(0, "HQ", ProductLine.CLASS, null, null, null, null, null, null,
                List.of("MATHW"), null, null, null, DAY);
        assertThat(pricing.preview(anonymous, DAY, AT).finalPrice()).isEqualByComparingTo("2528.00");
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> pricing.newQuote(anonymous, DAY, AT));
        assertThat(e.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("opportunityId",
                "createdBy");
    }

    private void assertProblems(QuoteRequest r, String... fields) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> pricing.preview(r, r.pricingDate(), AT));
        assertThat(e).as("problems for %s", r).isNotNull();
        assertThat(e.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder(fields);
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).isNotBlank());
    }
}
