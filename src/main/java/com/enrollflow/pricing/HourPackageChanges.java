package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Upserts;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * 调整课时包: head office sets a campus's hour package (课时包) — a percentage off the 1:1 lessons from a number of
 * lessons on — or stops offering it (decision 569). The plan form gives a plan the largest package its lessons reach,
 * from the next plan priced on; quotes already made keep theirs. Every refusal names its field and stores nothing.
 */
@Service
public class HourPackageChanges {

    /** What the form or the API sends: the campus, the lessons a package starts at, its discount, or stop it. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "HourPackageChangeRequest")
    public record Request(String campus, @JsonDeserialize(using = DecimalText.class) String minLessons,
            @JsonDeserialize(using = DecimalText.class) String discountPercent, Boolean stopped) {
    }

    /** The package as it now stands (active false: stopped), with the discount it had, and the sentence staff read. */
    public record Changed(String campusCode, String code, String name, int minLessons, BigDecimal discountPercent,
            boolean active, BigDecimal previousPercent, String summary) {
    }

    static final int MAX_LESSONS = Pricing.MAX_LESSONS;
    static final BigDecimal MAX_PERCENT = new BigDecimal("99.99");

    private final JdbcClient jdbc;
    private final Campuses campuses;
    private final CampusScope scope;
    private final Upserts upserts;
    private final Clock clock;

    HourPackageChanges(JdbcClient jdbc, Campuses campuses, CampusScope scope, Upserts upserts, Clock clock) {
        this.jdbc = jdbc;
        this.campuses = campuses;
        this.scope = scope;
        this.upserts = upserts;
        this.clock = clock;
    }

    private record Current(BigDecimal percent, boolean active) {
    }

    @Transactional
    public Changed change(Request r, String by) {
        InputRules rules = new InputRules();
        if (r == null) {
            rules.problem("campus", "必填：校区");
            rules.throwIfAny();
        }
        String campus = campuses.codeWithin(scope.current(), rules::problem, "campus", r.campus(), true);
        BigDecimal min = rules.positiveDecimal("minLessons", r.minLessons(), "必填：起购课时", "起购课时",
                BigDecimal.valueOf(MAX_LESSONS), MAX_LESSONS + " 课时");
        if (min != null && min.stripTrailingZeros().scale() > 0) {
            rules.problem("minLessons", "起购课时应为整数");
        }
        boolean stop = Boolean.TRUE.equals(r.stopped());
        BigDecimal percent = rules.positiveDecimal("discountPercent", r.discountPercent(),
                stop ? null : "必填：折扣（%）", "折扣", MAX_PERCENT, "99.99%");
        rules.throwIfAny();
        int lessons = min.intValue();
        String code = "PKG" + lessons;
        String name = lessons + "课时包";
        String campusName = campuses.nameOf(campus);
        Optional<Current> current = jdbc.sql("select discount_percent, active from hour_package where campus_code = ? "
                + "and code = ?").params(campus, code).query((rs, n) -> new Current(rs.getBigDecimal(1),
                        rs.getBoolean(2))).optional();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (stop) {
            int stopped = jdbc.sql("update hour_package set active = false, updated_by = ?, updated_at = ? "
                    + "where campus_code = ? and code = ? and active = true").params(by, now, campus, code).update();
            if (stopped == 0) {
                throw new InvalidInputException("minLessons", campusName + "没有在用的" + name + "；在用的课时包："
                        + offered(campus));
            }
            // read before the update: empty only if the package was added by someone else in between
            BigDecimal had = current.map(Current::percent).orElse(null);
            return new Changed(campus, code, name, lessons, had, false, had, campusName + " " + name
                    + "已停用：此后的方案不再享受它的折扣");
        }
        upserts.upsert(() -> jdbc.sql("update hour_package set discount_percent = ?, active = true, updated_by = ?, "
                + "updated_at = ? where campus_code = ? and code = ?").params(percent, by, now, campus, code).update(),
                () -> jdbc.sql("insert into hour_package (code, campus_code, product_line, name, min_lessons, "
                        + "discount_percent, active, updated_by, updated_at) "
                        + "values (?, ?, 'ONE_ON_ONE', ?, ?, ?, true, ?, ?)")
                        .params(code, campus, name, lessons, percent, by, now).update());
        BigDecimal previous = current.filter(Current::active).map(Current::percent).orElse(null);
        String discount = previous != null && previous.compareTo(percent) == 0
                ? PriceListEntry.percentShown(percent) + "（未变）"
                : (previous == null ? "" : PriceListEntry.percentShown(previous) + " → ")
                        + PriceListEntry.percentShown(percent);
        return new Changed(campus, code, name, lessons, percent, true, previous, campusName + " " + name + "（一对一满 "
                + lessons + " 课时）：折扣 " + discount + "，此后的方案按它计价");
    }

    /** 40课时包 5%、80课时包 10%, or 无. */
    private String offered(String campus) {
        List<String> packages = jdbc.sql("select name, discount_percent from hour_package where campus_code = ? "
                + "and active = true order by min_lessons").param(campus)
                .query((rs, n) -> rs.getString(1) + " " + PriceListEntry.percentShown(rs.getBigDecimal(2))).list();
        return packages.isEmpty() ? "无" : String.join("、", packages);
    }
}
