package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.InputRules;
import com.enrollflow.customer.Vouchers;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/**
 * Quotes of an opportunity (方案与报价): prices a plan by {@link Pricing}, stores it as a DRAFT that supersedes
 * the opportunity's open quotes, and moves a quote through its statuses by conditional updates.
 */
@Service
@Transactional
public class PricingService {

    private static final int MAX_VOUCHER_CODE = 20;

    private final PriceCatalogRepository catalog;
    private final QuoteRepository quotes;
    private final CampusRepository campuses;
    private final Pricing pricing;
    private final Vouchers vouchers;
    private final Clock clock;

    PricingService(PriceCatalogRepository catalog, QuoteRepository quotes, CampusRepository campuses,
            Vouchers vouchers, Clock clock) {
        this.catalog = catalog;
        this.quotes = quotes;
        this.campuses = campuses;
        this.pricing = new Pricing(catalog);
        this.vouchers = vouchers;
        this.clock = clock;
    }

    /** Prices the plan and stores nothing; id 0, status DRAFT. Bad input: InvalidInputException naming each field. */
    @Transactional(readOnly = true)
    public Quote preview(QuoteRequest r) {
        return pricing.preview(r, voucher(r, false), pricingDate(r), now());
    }

    /**
     * Stores the plan as a new DRAFT quote; the opportunity's earlier DRAFT, PENDING_APPROVAL and REJECTED quotes
     * become SUPERSEDED in the same transaction. Two quotes of one opportunity created at the same moment: the
     * second gets a ConflictException (409). A voucher it deducts stays locked until the quote is stored, so two
     * plans naming one voucher at once are decided one after the other ({@link Vouchers#check}).
     */
    public Quote createQuote(QuoteRequest r) {
        Quote priced = pricing.newQuote(r, voucher(r, true), pricingDate(r), now());
        quotes.supersedeOpen(r.opportunityId());
        long id;
        try {
            id = quotes.insert(priced, pricingDate(r));
        } catch (DuplicateKeyException race) {
            throw new ConflictException(409, "商机 " + r.opportunityId() + " 同时有另一份报价正在生成，请刷新后重试");
        }
        return quotes.find(id).orElseThrow();
    }

    /** When the class meets (上课时间), as written when it was opened; null when unknown (decision 573). */
    @Transactional(readOnly = true)
    public String classSchedule(String classCode) {
        return catalog.classOffering(classCode).map(ClassOffering::schedule).orElse(null);
    }

    @Transactional(readOnly = true)
    public Optional<Quote> find(long quoteId) {
        return quotes.find(quoteId);
    }

    /** The newest quote of the opportunity that is not SUPERSEDED. */
    @Transactional(readOnly = true)
    public Optional<Quote> latestForOpportunity(long opportunityId) {
        return quotes.latest(opportunityId);
    }

    /**
     * Moves the quote from {@code from} to {@code to} if it is still in {@code from}; true if it happened (false:
     * no such quote, or another status by now). SUPERSEDED and ACCEPTED are final. Reopening a quote while the
     * opportunity has a newer open one is a ConflictException (409).
     */
    public boolean transition(long quoteId, QuoteStatus from, QuoteStatus to) {
        if (from == to || from.isFinal()) {
            throw new IllegalArgumentException("no transition of a quote from " + from + " to " + to);
        }
        try {
            return quotes.transition(quoteId, from, to);
        } catch (DuplicateKeyException clash) {
            throw new ConflictException(409, "报价 " + quoteId + " 的商机已有更新的报价，不能改为" + to.label());
        }
    }

    /** The campus's rates, active packages, promotions and active classes on the day (价目表). */
    @Transactional(readOnly = true)
    public List<PriceListEntry> priceList(String campusCode, LocalDate on) {
        InputRules rules = new InputRules();
        String campus = rules.required("campus", campusCode, 16);
        if (campus != null && !campuses.exists(campus)) {
            rules.problem("campus", "未知的校区代码“" + InputRules.abbreviate(campus) + "”，见 GET /api/campuses");
        }
        rules.throwIfAny();
        LocalDate day = on != null ? on : today();
        List<PriceListEntry> entries = new ArrayList<>();
        for (PriceRate r : catalog.ratesValidOn(campus, day)) {
            entries.add(new PriceListEntry(PriceListEntry.Kind.RATE, "RATE-" + r.id(), rateName(r),
                    ProductLine.ONE_ON_ONE, r.grade(), r.subject(), r.teacherLevel(), null,
                    r.lessonPrice(), null, null, r.validFrom(), r.validTo(), null, null));
        }
        for (HourPackage p : catalog.activePackages(campus)) {
            entries.add(new PriceListEntry(PriceListEntry.Kind.PACKAGE, p.code(), p.name(), p.productLine(), null,
                    null, null, p.minLessons(), null, p.discountPercent(), null, null, null, null, null));
        }
        for (Promotion p : catalog.promotionsOn(campus, day)) {
            entries.add(new PriceListEntry(PriceListEntry.Kind.PROMOTION, p.code(), p.name(), p.productLine(), null,
                    null, null, null, null, p.percentOff(), p.amountOff(), p.validFrom(), p.validTo(), null, null));
        }
        // a class under way is sold for its lessons left (插班); one whose lessons were all held is no longer sold
        for (ClassOffering c : catalog.activeClasses(campus)) {
            if (c.left() > 0) {
                entries.add(new PriceListEntry(PriceListEntry.Kind.CLASS, c.code(), c.shownName(),
                        ProductLine.CLASS, c.grade(), c.subject(), null, c.left(), c.priceOfLeft(),
                        null, null, null, null, c.startsOn(), c.schedule()));
            }
        }
        return entries;
    }

    /**
     * The hour package (课时包) a 1:1 plan of this many lessons gets at the campus: the largest discount whose minimum
     * it reaches ({@link Pricing#bestPackage}); empty below every minimum.
     */
    @Transactional(readOnly = true)
    public Optional<String> bestPackage(String campusCode, int lessons) {
        return Pricing.bestPackage(catalog.activePackages(campusCode), lessons).map(HourPackage::code);
    }

    /**
     * The price of one 1:1 lesson for the grade at the campus on the day, by subject and teacher level: the rate a
     * quote would use (the most specific one). A combination without a rate is missing.
     */
    @Transactional(readOnly = true)
    public Map<Subject, Map<TeacherLevel, BigDecimal>> lessonPrices(String campusCode, Grade grade, LocalDate on) {
        List<PriceRate> rates = catalog.rates(campusCode);
        Map<Subject, Map<TeacherLevel, BigDecimal>> prices = new EnumMap<>(Subject.class);
        for (Subject subject : Subject.values()) {
            for (TeacherLevel level : TeacherLevel.values()) {
                Pricing.bestRate(rates, grade, subject, level, on).ifPresent(r -> prices
                        .computeIfAbsent(subject, s -> new EnumMap<>(TeacherLevel.class)).put(level, r.lessonPrice()));
            }
        }
        return prices;
    }

    /** The voucher the plan names, checked for its opportunity's customer on the pricing day; null without one. */
    private Pricing.VoucherOffer voucher(QuoteRequest r, boolean lock) {
        if (r.voucherCode() == null || r.voucherCode().isBlank()) {
            return null;
        }
        if (r.voucherCode().strip().length() > MAX_VOUCHER_CODE) {
            return new Pricing.VoucherOffer(null, BigDecimal.ZERO, "最多 " + MAX_VOUCHER_CODE + " 个字符");
        }
        Vouchers.Check check = vouchers.check(r.voucherCode(), r.opportunityId() == 0 ? null : r.customerId(),
                r.opportunityId(), pricingDate(r), lock);
        return check.voucher() == null
                ? new Pricing.VoucherOffer(null, BigDecimal.ZERO, check.problem())
                : new Pricing.VoucherOffer(check.voucher().code(), check.voucher().amount(), check.problem());
    }

    private static String rateName(PriceRate r) {
        return "一对一 " + (r.grade() == null ? "各年级" : r.grade().label()) + " "
                + (r.subject() == null ? "各科" : r.subject().label()) + " " + r.teacherLevel().label() + " 每课时";
    }

    private LocalDate pricingDate(QuoteRequest r) {
        return r.pricingDate() != null ? r.pricingDate() : today();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(BusinessTime.ZONE));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
