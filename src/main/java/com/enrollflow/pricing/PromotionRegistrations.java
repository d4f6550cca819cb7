package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Money;
import com.enrollflow.common.Upserts;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.ProductLine;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * 登记优惠活动: head office publishes a promotion (decision 568) — a percentage or an amount off the whole order, within
 * its dates, at one campus or all, for one product line or all. Publishing is its approval: consultants find it in
 * 制定方案与报价 from its first day, and no discount approval asks about it. Every refusal names its field and stores
 * nothing.
 */
@Service
public class PromotionRegistrations {

    /** What the form or the API sends: the campus and product line empty for all; one of the two kinds of discount. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "PromotionRequest")
    public record Request(String name, String campus, String productLine,
            @JsonDeserialize(using = DecimalText.class) String percentOff,
            @JsonDeserialize(using = DecimalText.class) String amountOff, String validFrom, String validTo) {
    }

    /** The promotion published, with its code (YH270115-1), and the sentence staff read. */
    public record Published(String code, String name, String campusCode, String productLine, BigDecimal percentOff,
            BigDecimal amountOff, LocalDate validFrom, LocalDate validTo, String summary) {
    }

    /** The longest promotion: a season's (寒假报名季) is two to four months; a standing offer is published yearly. */
    static final int MAX_DAYS = 366;
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000.00");
    static final BigDecimal MAX_PERCENT = new BigDecimal("99.99");
    private static final int NAME_LENGTH = 64;
    private static final int MAX_CODES = 99;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final JdbcClient jdbc;
    private final Campuses campuses;
    private final Upserts upserts;
    private final Clock clock;

    PromotionRegistrations(JdbcClient jdbc, Campuses campuses, Upserts upserts, Clock clock) {
        this.jdbc = jdbc;
        this.campuses = campuses;
        this.upserts = upserts;
        this.clock = clock;
    }

    private record Valid(String name, String campus, ProductLine line, BigDecimal percent, BigDecimal amount,
            LocalDate from, LocalDate to) {
    }

    /** The start form's checkbox that makes {@link #record} end a promotion early instead of publishing one. */
    static final String ENDING_LABEL = "提前结束已发布的活动";

    /** What the form 登记优惠活动 does: publish, or ({@code ending}) end the promotion of that name early. */
    @Transactional
    public Published record(Request r, boolean ending, String by) {
        return ending ? end(r == null ? null : r.name(), r == null ? null : r.validTo(), by) : publish(r, by);
    }

    /**
     * Ends a promotion early (decision 572): {@code lastDay} its new last day, today at the earliest (quotes already
     * priced with it keep it). A promotion not begun and ended before its first day is withdrawn, unless a quote was
     * priced with it. The promotion by its code, or by its name among those not over.
     */
    @Transactional
    public Published end(String nameOrCode, String lastDay, String by) {
        InputRules rules = new InputRules();
        String given = rules.required("name", nameOrCode, NAME_LENGTH);
        LocalDate last = rules.date("validTo", lastDay, true);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        if (last != null && last.isBefore(today)) {
            rules.problem("validTo", "最后一天不能早于今天（" + today + "）：今天及以前的报价已按活动计价");
        }
        rules.throwIfAny();
        List<Promotion> found = jdbc.sql("select code, name, valid_from, valid_to from promotion where (code = ? or "
                + "name = ?) and valid_to >= ? order by valid_from").params(given, given, today)
                .query((rs, n) -> new Promotion(rs.getString(1), rs.getString(2), null, null, null, null,
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class))).list();
        if (found.size() != 1) {
            throw new InvalidInputException("name", found.isEmpty() ? "没有未结束的优惠活动“" + InputRules.abbreviate(given)
                    + "”" : "有多个名为“" + given + "”的优惠活动，请填写活动编号（" + String.join("、",
                            found.stream().map(Promotion::code).toList()) + "）");
        }
        Promotion p = found.get(0);
        if (!last.isBefore(p.validTo())) {
            throw new InvalidInputException("validTo", p.name() + "（" + p.code() + "）原定 " + p.validTo()
                    + " 结束；提前结束请填写更早的最后一天");
        }
        if (last.isBefore(p.validFrom())) {
            if (jdbc.sql("select count(*) from quote where promotion_code = ?").param(p.code()).query(Long.class)
                    .single() > 0) {
                throw new InvalidInputException("validTo", p.name() + "（" + p.code() + "）已有报价使用，最后一天不能早于它的"
                        + "开始日期 " + p.validFrom());
            }
            jdbc.sql("delete from promotion where code = ?").param(p.code()).update();
            return new Published(p.code(), p.name(), null, null, null, null, p.validFrom(), p.validTo(),
                    "已撤销优惠活动 " + p.name() + "（" + p.code() + "）：原定 " + p.validFrom() + " 开始，尚未开始");
        }
        jdbc.sql("update promotion set valid_to = ?, created_by = ?, created_at = ? where code = ?").params(last, by,
                OffsetDateTime.now(clock), p.code()).update();
        return new Published(p.code(), p.name(), null, null, null, null, p.validFrom(), last, "已提前结束优惠活动 "
                + p.name() + "（" + p.code() + "）：最后一天 " + last + "（原定 " + p.validTo() + "）");
    }

    @Transactional
    public Published publish(Request r, String by) {
        Valid v = validate(r);
        String clash = jdbc.sql("select min(code) from promotion where name = ? and valid_from <= ? and valid_to >= ?")
                .params(v.name, v.to, v.from).query(String.class).optional().orElse(null);
        if (clash != null) {
            throw new InvalidInputException("name", "已有同名的优惠活动“" + v.name + "”（" + clash + "）与这些日期重叠；"
                    + "家长和顾问按名称选择优惠，请换一个名称");
        }
        String stem = "YH" + v.from.format(DAY);
        for (int n = 1; n <= MAX_CODES; n++) {
            String code = stem + "-" + n;
            boolean added = upserts.tryInsert(() -> jdbc.sql("insert into promotion (code, name, campus_code, "
                    + "product_line, percent_off, amount_off, valid_from, valid_to, created_by, created_at) values "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").params(code, v.name, v.campus,
                            v.line == null ? null : v.line.name(), v.percent, v.amount, v.from, v.to, by,
                            OffsetDateTime.now(clock)).update());
            if (added) {
                String off = PriceListEntry.discountShown(v.percent, v.amount);
                return new Published(code, v.name, v.campus, v.line == null ? null : v.line.name(), v.percent,
                        v.amount, v.from, v.to, "已发布优惠活动 " + v.name + "（" + code + "）：" + (v.campus == null
                                ? "所有校区" : campuses.nameOf(v.campus)) + "，" + (v.line == null ? "所有产品线"
                                        : v.line.label()) + "，" + off + "，" + v.from + " 至 " + v.to);
            }
        }
        throw new IllegalStateException("no free promotion code after " + stem + "-" + MAX_CODES);
    }

    private Valid validate(Request r) {
        InputRules rules = new InputRules();
        if (r == null) {
            rules.problem("name", "必填：活动名称");
            rules.throwIfAny();
        }
        String name = rules.name("name", r.name(), NAME_LENGTH, true);
        String campus = campuses.code(rules::problem, "campus", r.campus(), false);
        ProductLine line = rules.code("productLine", r.productLine(), ProductLine.class, false);
        BigDecimal percent = rules.positiveDecimal("percentOff", r.percentOff(), null, "折扣比例", MAX_PERCENT,
                "99.99%");
        BigDecimal amount = rules.positiveDecimal("amountOff", r.amountOff(), null, "立减金额", MAX_AMOUNT,
                Money.yuan(MAX_AMOUNT));
        if (percent != null && amount != null) {
            rules.problem("amountOff", "折扣比例和立减金额只填一项");
        } else if (percent == null && amount == null && blank(r.percentOff()) && blank(r.amountOff())) {
            rules.problem("percentOff", "请填写折扣比例或立减金额（只填一项）");
        }
        LocalDate from = rules.date("validFrom", r.validFrom(), true);
        LocalDate to = rules.date("validTo", r.validTo(), true);
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        if (from != null && (from.isBefore(today) || from.isAfter(today.plusDays(MAX_DAYS)))) {
            rules.problem("validFrom", "开始日期应在 " + today + " 至 " + today.plusDays(MAX_DAYS)
                    + " 之间：已报出的价格不随新活动改变");
        }
        if (from != null && to != null && to.isBefore(from)) {
            rules.problem("validTo", "结束日期早于开始日期");
        } else if (from != null && to != null && to.isAfter(from.plusDays(MAX_DAYS - 1))) {
            rules.problem("validTo", "一个优惠活动最长 " + MAX_DAYS + " 天；长期优惠请每年发布一次");
        }
        rules.throwIfAny();
        return new Valid(name, campus, line, percent, amount, from, to);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
