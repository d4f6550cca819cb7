package com.enrollflow.planning;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.Upserts;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Scope;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * 销售计划: a campus director sets the targets of their campus (head office every campus's), for a year or a month,
 * for the whole campus or one team or product line; setting the same target again replaces it. Every refusal names its
 * field and stores nothing.
 */
@Service
public class SalesTargets {

    /** A target's orders, at most: far above any campus's year, and what an int column holds with room. */
    static final int MAX_ORDERS = 1_000_000;

    /** The settings one look at the history lists, at most. */
    static final int HISTORY_LIMIT = 500;

    /**
     * What a director sends: codes or Chinese labels; the period as 2026 or 2026-11; amounts in yuan (numbers or
     * text).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "SalesTargetRequest")
    public record Request(String campus, String team, String productLine, String period,
            @JsonDeserialize(using = DecimalText.class) String revenue,
            @JsonDeserialize(using = DecimalText.class) String orders) {
    }

    static final Pattern PERIOD = Pattern.compile("(20\\d\\d)(-(0[1-9]|1[0-2]))?");

    private static final String COLUMNS = "t.id, t.campus_code, c.name as campus_name, t.team_id, s.name as team_name, "
            + "t.product_line, t.period, t.revenue, t.orders, t.set_by, t.set_at";
    /** The targets with their campus's and team's names. */
    private static final String FROM = " from sales_target t join campus c on c.code = t.campus_code "
            + "left join sales_team s on s.id = t.team_id";
    private static final RowMapper<SalesTarget> ROWS = (rs, n) -> {
        String line = rs.getString("product_line");
        // no order target is null, not 0 (read as its own object: wasNull() would answer for the last column read)
        Integer orders = rs.getObject("orders", Integer.class);
        OffsetDateTime setAt = rs.getObject("set_at", OffsetDateTime.class);
        return new SalesTarget(rs.getLong("id"), rs.getString("campus_code"), rs.getString("campus_name"),
                rs.getString("team_id"),
                rs.getString("team_name"), line, line == null ? "全部产品线" : ProductLine.valueOf(line).label(),
                rs.getString("period"), rs.getBigDecimal("revenue"), orders,
                rs.getString("set_by"), null, setAt, BusinessTime.shown(setAt));
    };
    /** The settings of targets with their campus's and team's names. */
    private static final String HISTORY = " from sales_target_change t join campus c on c.code = t.campus_code "
            + "left join sales_team s on s.id = t.team_id";

    private final JdbcClient jdbc;
    private final Campuses campuses;
    private final CampusScope scope;
    private final Clock clock;
    private final Upserts upserts;
    private final StaffDirectory staff;

    SalesTargets(JdbcClient jdbc, Campuses campuses, CampusScope scope, Clock clock,
            Upserts upserts, StaffDirectory staff) {
        this.staff = staff;
        this.upserts = upserts;
        this.jdbc = jdbc;
        this.campuses = campuses;
        this.scope = scope;
        this.clock = clock;
    }

    /** Sets (or replaces) a target of a campus the caller answers for. */
    @Transactional
    public SalesTarget set(Request r, String by) {
        InputRules rules = new InputRules();
        Request asked = r == null ? new Request(null, null, null, null, null, null) : r;
        Scope s = scope.current();
        String campus = null;
        Campuses.Match match = campuses.find(asked.campus());
        if (match.found()) {
            campus = match.campus().code();
            if (!s.seesCampus(campus)) {
                rules.problem("campus", "您不负责" + match.campus().name());
            }
        } else {
            rules.problem("campus", match.problem() != null ? match.problem() : "必填：校区");
        }
        String team = rules.optional("team", asked.team(), 32);
        if (team != null && campus != null) {
            team = teamOf(rules, campus, team);
        }
        ProductLine line = rules.code("productLine", asked.productLine(), ProductLine.class, false);
        if (team != null && line != null) {
            // a team sells one product line: a target for another could never be met
            String sells = jdbc.sql("select product_line from sales_team where id = ?").param(team)
                    .query(String.class).optional().orElse(null);
            if (sells != null && !sells.equals(line.name())) {
                rules.problem("productLine", "该团队只做" + ProductLine.valueOf(sells).label() + "，不能设"
                        + line.label() + "的目标");
            }
        }
        String period = rules.required("period", asked.period(), 7);
        if (period != null && !PERIOD.matcher(period).matches()) {
            rules.problem("period", "应为年份（如 2026）或年月（如 2026-11）");
        }
        BigDecimal revenue = amount(rules, "revenue", asked.revenue(), true);
        BigDecimal orders = amount(rules, "orders", asked.orders(), false);
        if (orders != null && orders.stripTrailingZeros().scale() > 0) {
            rules.problem("orders", "单数须为整数");
        } else if (orders != null && orders.compareTo(BigDecimal.valueOf(MAX_ORDERS)) > 0) {
            rules.problem("orders", "单数最多 " + MAX_ORDERS + " 单（是否把金额填进了单数？）");
        }
        rules.throwIfAny();
        String key = String.join("|", campus, team == null ? "" : team, line == null ? "" : line.name(), period);
        OffsetDateTime now = OffsetDateTime.now(clock);
        Integer orderCount = orders == null ? null : orders.intValueExact();
        Object[] row = {key, campus, team, line == null ? null : line.name(), period, revenue, orderCount, by, now};
        // another director setting the same target at the same moment: the later replaces it, never both stored
        upserts.upsert(() -> replace(key, revenue, orderCount, by, now),
                () -> jdbc.sql("insert into sales_target (target_key, campus_code, team_id, product_line, period, "
                        + "revenue, orders, set_by, set_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").params(row).update());
        // 目标修改记录: each setting kept, in the setting's transaction
        jdbc.sql("insert into sales_target_change (target_key, campus_code, team_id, product_line, period, revenue, "
                + "orders, set_by, set_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").params(key, campus, team,
                        line == null ? null : line.name(), period, revenue, orderCount, by, now).update();
        SalesTarget saved = jdbc.sql("select " + COLUMNS + FROM + " where t.target_key = ?").param(key).query(ROWS)
                .single();
        return saved.withSetByName(staff.displayName(saved.setBy()));
    }

    /**
     * 目标修改记录: every setting of the targets the caller sees (of one campus, one period, or all), newest first, at
     * most {@code HISTORY_LIMIT}.
     */
    @Transactional(readOnly = true)
    public List<SalesTarget> history(String campus, String period) {
        if (period != null && !PERIOD.matcher(period).matches()) {
            throw new InvalidInputException("period", "应为年份（如 2026）或年月（如 2026-11）");
        }
        return read(HISTORY, campus, period, "t.set_at desc, t.id desc limit " + HISTORY_LIMIT);
    }

    /** The targets with the names of who set them. */
    private List<SalesTarget> named(List<SalesTarget> targets) {
        Set<String> people = new HashSet<>();
        targets.forEach(t -> people.add(t.setBy()));
        Map<String, String> names = staff.displayNames(people);
        return targets.stream().map(t -> t.withSetByName(names.getOrDefault(t.setBy(), t.setBy()))).toList();
    }

    /**
     * The team of the campus that staff named by its id or its name (names are not unique across campuses: 一对一组 may
     * be every campus's), or a problem of {@code team}: none of that name at the campus, or two of the campus's own
     * with that name (then the id tells them apart).
     */
    private String teamOf(InputRules rules, String campus, String given) {
        List<String> own = jdbc.sql("select id from sales_team where campus_code = ? and (id = ? or name = ?) "
                + "order by case when id = ? then 0 else 1 end, id").params(campus, given, given, given)
                .query(String.class).list();
        if (own.size() == 1 || !own.isEmpty() && own.get(0).equals(given)) {
            return own.get(0);
        }
        String shown = InputRules.abbreviate(given);
        if (own.size() > 1) {
            rules.problem("team", "该校区有多个名为“" + shown + "”的团队，请填写团队编号（" + String.join("、", own)
                    + "）");
        } else {
            // another campus's team answers as one nobody has: which teams other campuses have is not this one's
            rules.problem("team", "该校区没有销售团队“" + shown + "”");
        }
        return null;
    }

    private int replace(String key, BigDecimal revenue, Integer orders, String by, OffsetDateTime now) {
        return jdbc.sql("update sales_target set revenue = ?, orders = ?, set_by = ?, set_at = ? where target_key = ?")
                .params(revenue, orders, by, now, key).update();
    }

    /** The targets the caller sees, of one period or all, newest period first. */
    @Transactional(readOnly = true)
    public List<SalesTarget> visible(String campus, String period) {
        return read(FROM, campus, period,
                "t.period desc, t.campus_code, t.team_id nulls first, t.product_line nulls first");
    }

    /** The rows of targets or their settings ({@code from}) of the caller's campuses, one campus and period or all. */
    private List<SalesTarget> read(String from, String campus, String period, String order) {
        Scope s = scope.current();
        var spec = s.bind(jdbc.sql("select " + COLUMNS + from + " where " + s.campusCondition("t.campus_code")
                + (campus == null ? "" : " and t.campus_code = :campus")
                + (period == null ? "" : " and t.period = :period") + " order by " + order));
        if (campus != null) {
            spec = spec.param("campus", campus);
        }
        if (period != null) {
            spec = spec.param("period", period);
        }
        return named(spec.query(ROWS).list());
    }

    private static BigDecimal amount(InputRules rules, String field, String given, boolean required) {
        if (given == null || given.isBlank()) {
            if (required) {
                rules.problem(field, "必填");
            }
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(given.strip().replace(",", "").replace("，", ""));
            if (value.signum() < 0) {
                rules.problem(field, "不能为负数");
            } else if (value.scale() > 2 || value.compareTo(new BigDecimal("999999999999.99")) > 0) {
                rules.problem(field, "金额最多精确到分，且不超过一万亿");
            }
            return value;
        } catch (NumberFormatException e) {
            rules.problem(field, "不是数字：“" + InputRules.abbreviate(given) + "”");
            return null;
        }
    }
}
