package com.enrollflow.marketing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.DecimalText;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.Scope;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * 市场活动 as marketing keeps them: name (what leads name as their campaign; unique within the campus, head office's
 * among head office's), channel, campus (none: head office's, for every campus), dates and cost. A campus's
 * marketing keeps its own campus's campaigns; head office keeps all. Every refusal names its field and stores
 * nothing.
 */
@Service
public class Campaigns {

    /** What marketing sends: codes or Chinese labels, ISO days, the cost in yuan (a number or as typed). */
    /** A campaign's longest run: its cost counts in full in every report period its dates overlap. */
    static final int MAX_DAYS = 366;

    @io.swagger.v3.oas.annotations.media.Schema(name = "CampaignRequest")

    public record Request(String name, String channel, String campus, String startsOn, String endsOn,
            @JsonDeserialize(using = DecimalText.class) String cost) {
    }

    /** The start form's checkbox that makes {@link #record} change a campaign instead of adding one. */
    static final String REPLACING_LABEL = "修改已登记的同名活动";

    private static final String COLUMNS = "id, name, channel, campus_code, starts_on, ends_on, cost, created_by, "
            + "created_at, updated_by, updated_at";
    private static final RowMapper<Campaign> ROWS = (rs, n) -> {
        Channel channel = Channel.valueOf(rs.getString("channel"));
        return new Campaign(rs.getLong("id"), rs.getString("name"), channel, channel.label(),
                rs.getString("campus_code"), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class), rs.getBigDecimal("cost"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class));
    };

    private final JdbcClient jdbc;
    private final Campuses campuses;
    private final CampusRepository campusList;
    private final CampusScope scope;
    private final Clock clock;

    Campaigns(JdbcClient jdbc, Campuses campuses, CampusRepository campusList, CampusScope scope, Clock clock) {
        this.jdbc = jdbc;
        this.campuses = campuses;
        this.campusList = campusList;
        this.scope = scope;
        this.clock = clock;
    }

    /** The key a lead's campaign text and a campaign's name meet on. */
    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    @Transactional
    public Campaign create(Request r, String by) {
        Valid v = validate(r);
        try {
            return insert(v, by);
        } catch (DuplicateKeyException taken) {
            throw new ConflictException(409, v.taken() + "，请修改它或换一个名称");
        }
    }

    private Campaign insert(Valid v, String by) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into campaign (name, name_key, channel, campus_code, starts_on, ends_on, cost, created_by, "
                + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)").params(v.name, key(v.name), v.channel.name(),
                        v.campus, v.startsOn, v.endsOn, v.cost, by, OffsetDateTime.now(clock))
                .update(keys, "id");
        return get(keys.getKey().longValue());
    }

    /** Changes a campaign the caller keeps: every field as sent (the cost recorded once it is known). */
    @Transactional
    public Campaign update(long id, Request r, String by) {
        Campaign current = kept(id);
        Valid v = validate(r);
        try {
            jdbc.sql("update campaign set name = ?, name_key = ?, channel = ?, campus_code = ?, starts_on = ?, "
                    + "ends_on = ?, cost = ?, updated_by = ?, updated_at = ? where id = ?").params(v.name, key(v.name),
                            v.channel.name(), v.campus, v.startsOn, v.endsOn, v.cost, by, OffsetDateTime.now(clock),
                            current.id()).update();
        } catch (DuplicateKeyException taken) {
            throw new ConflictException(409, v.taken());
        }
        return get(id);
    }

    /**
     * What the Tasklist start form 登记市场活动 saves: a new campaign, or ({@code replacing}) the caller's campaign of
     * that name changed to what was sent — the cost recorded once it is known, the dates moved. The rules are
     * {@link #create}'s and {@link #update}'s; a name already taken (a new one) or not found among the caller's
     * (a change) is a problem of the field {@code name}, so the form shows it under 活动名称.
     */
    @Transactional
    public Campaign record(Request r, boolean replacing, String by) {
        Valid v = validate(r);
        if (!replacing) {
            try {
                return insert(v, by);
            } catch (DuplicateKeyException taken) {
                throw new InvalidInputException("name", v.taken() + "：要修改它，请勾选“" + REPLACING_LABEL
                        + "”；否则请换一个名称");
            }
        }
        Scope s = scope.current();
        // the name is unique within the campus (head office's: none), so the form's campus says which one
        Campaign kept = jdbc.sql("select " + COLUMNS + " from campaign where name_key = ? "
                + "and coalesce(campus_code, '') = ?").params(key(v.name), v.campus == null ? "" : v.campus)
                .query(ROWS).optional().filter(c -> keeps(s, c))
                .orElseThrow(() -> new InvalidInputException("name", v.owner + "没有名为“" + v.name
                        + "”的市场活动；新活动请不要勾选“" + REPLACING_LABEL + "”"));
        return update(kept.id(), r, by);
    }

    /** The campaigns the caller sees: head office's and their campuses'. */
    @Transactional(readOnly = true)
    public List<Campaign> visible() {
        Scope s = scope.current();
        return s.bind(jdbc.sql("select " + COLUMNS + " from campaign where campus_code is null or "
                + s.campusCondition("campus_code") + " order by starts_on desc, id desc")).query(ROWS).list();
    }

    Campaign get(long id) {
        return jdbc.sql("select " + COLUMNS + " from campaign where id = ?").param(id).query(ROWS).optional()
                .orElseThrow(() -> new NotFoundException("市场活动 " + id + " 不存在"));
    }

    /** A campaign the caller may change: their campus's; head office's only for head office (404 otherwise). */
    private Campaign kept(long id) {
        Scope s = scope.current();
        return jdbc.sql("select " + COLUMNS + " from campaign where id = ?").param(id).query(ROWS).optional()
                .filter(c -> keeps(s, c)).orElseThrow(() -> new NotFoundException("您负责的校区中没有市场活动 " + id));
    }

    /** Whether the caller keeps a campaign: their campus's; head office's only head office. */
    private boolean keeps(Scope s, Campaign c) {
        return c.campusCode() == null ? headOffice(s) : s.seesCampus(c.campusCode());
    }

    /** A valid request; {@code owner}: whose campaigns its name is unique among, as staff read it (a campus, 总部). */
    private record Valid(String name, Channel channel, String campus, String owner, LocalDate startsOn,
            LocalDate endsOn, BigDecimal cost) {

        /** The refusal of a name already taken among the same owner's campaigns. */
        String taken() {
            return owner + "已有同名的市场活动“" + name + "”";
        }
    }

    private Valid validate(Request r) {
        InputRules rules = new InputRules();
        if (r == null) {
            rules.problem("name", "必填：活动名称");
            rules.throwIfAny();
        }
        String name = rules.name("name", r.name(), 64, true);
        Channel channel = rules.code("channel", r.channel(), Channel.class, true);
        String campus = null;
        Campuses.Match match = campuses.find(r.campus());
        Scope s = scope.current();
        if (match.found()) {
            campus = match.campus().code();
            if (!s.seesCampus(campus)) {
                rules.problem("campus", "您不负责" + match.campus().name());
            }
        } else if (match.problem() != null) {
            rules.problem("campus", match.problem());
        } else if (!headOffice(s)) {
            rules.problem("campus", "必填：活动所属校区（不填为总部活动，只有总部可以登记）");
        }
        LocalDate startsOn = date(rules, "startsOn", r.startsOn());
        LocalDate endsOn = date(rules, "endsOn", r.endsOn());
        if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
            rules.problem("endsOn", "结束日期早于开始日期");
        } else if (startsOn != null && endsOn != null && endsOn.isAfter(startsOn.plusDays(MAX_DAYS - 1))) {
            // the cost counts in full in every period the dates overlap: 0001–9999 would charge it to every report
            rules.problem("endsOn", "一个活动最长 " + MAX_DAYS + " 天；长期项目请每年登记一次，费用按年分别填写");
        }
        BigDecimal cost = null;
        if (r.cost() != null && !r.cost().isBlank()) {
            try {
                cost = new BigDecimal(r.cost().strip().replace(",", "").replace("，", ""));
                if (cost.signum() < 0) {
                    rules.problem("cost", "费用不能为负数");
                } else if (cost.scale() > 2) {
                    rules.problem("cost", "费用最多精确到分（两位小数）");
                } else if (cost.compareTo(new BigDecimal("9999999999.99")) > 0) {
                    rules.problem("cost", "费用过大");
                }
            } catch (NumberFormatException e) {
                rules.problem("cost", "不是金额：“" + InputRules.abbreviate(r.cost()) + "”");
            }
        }
        rules.throwIfAny();
        return new Valid(name, channel, campus, match.found() ? match.campus().name() : "总部", startsOn, endsOn,
                cost);
    }

    /** Head office (and administrators) see every campus: they keep the campaigns of none in particular. */
    private boolean headOffice(Scope s) {
        return campusList.allSeenBy(s);
    }

    private static LocalDate date(InputRules rules, String field, String given) {
        if (given == null || given.isBlank()) {
            rules.problem(field, "必填（日期，如 2026-03-01）");
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(given.strip());
            if (day.isBefore(InputRules.FIRST_REPORT_DAY) || day.isAfter(InputRules.LAST_REPORT_DAY)) {
                rules.problem(field, "日期须在 " + InputRules.FIRST_REPORT_DAY + " 至 " + InputRules.LAST_REPORT_DAY
                        + " 之间");
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            rules.problem(field, "不是日期（格式 2026-03-01）：“" + InputRules.abbreviate(given) + "”");
            return null;
        }
    }
}
