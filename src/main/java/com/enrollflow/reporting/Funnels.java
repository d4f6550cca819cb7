package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.assignment.Team;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Scope;

/**
 * The sales funnel (销售漏斗) of DOMAIN.md, counted straight from the opportunities' stage timestamps: each stage
 * counts the opportunities that reached it within [from, to]. Leads and valid leads count enquiries (an opportunity
 * split off at intent is not a second lead); intent onward counts every opportunity. Always within the acting
 * user's campuses ({@link CampusScope}); one place for the formulas, whoever asks (/api, the Cockpit board, Excel).
 * Beside the period, the same counts for the period of as many days just before it (上期), a breakdown of the funnel by
 * campus, team, consultant, channel, campaign or product line ({@link #breakdown}) and the opportunities behind a count
 * ({@link FunnelDrilldown}).
 */
@Service
public class Funnels {

    /** The seven stages in order: key, label, the column recording when it was reached, whether it counts enquiries. */
    static final List<StageColumn> STAGES = List.of(
            new StageColumn("leads", "总线索量", "received_at", true),
            new StageColumn("valid", "有效信息量", "valid_at", true),
            new StageColumn("intent", "意向商机量", "intent_at", false),
            new StageColumn("agreed", "同意到访量", "agreed_at", false),
            new StageColumn("visited", "实际到访量", "visited_at", false),
            new StageColumn("planned", "方案规划量", "planned_at", false),
            new StageColumn("paid", "成单缴费量", "paid_at", false));

    /** A funnel stage and how it is counted; {@code leadsOnly}: an opportunity split off at intent is no new lead. */
    record StageColumn(String key, String label, String column, boolean leadsOnly) {

        /** The condition "reached this stage within the period" on opportunity {@code o}. */
        String reached() {
            return "o." + column + " >= :start and o." + column + " < :end"
                    + (leadsOnly ? " and o.split_from_id is null" : "");
        }
    }

    /** The nine rates of DOMAIN.md: key, label, numerator stage, denominator stage. */
    private static final List<String[]> RATES = List.of(
            new String[] {"validRate", "信息有效率", "valid", "leads"},
            new String[] {"intentConversion", "意向客户转化率", "intent", "valid"},
            new String[] {"intentRate", "意向客户率", "intent", "leads"},
            new String[] {"agreeConversion", "同意到访转化率", "agreed", "intent"},
            new String[] {"agreeRate", "同意到访率", "agreed", "leads"},
            new String[] {"visitConversion", "实际到访转化率", "visited", "agreed"},
            new String[] {"visitRate", "实际到访率", "visited", "leads"},
            new String[] {"closeConversion", "成单转化率", "paid", "visited"},
            new String[] {"closeRate", "成单率", "paid", "leads"});

    /** How the funnel may be broken down (分组对比): the dimension, its Chinese name and its column on {@code o}. */
    public enum Dimension {
        CAMPUS("校区", "o.campus_code"),
        TEAM("销售团队", "o.team_id"),
        CONSULTANT("课程顾问", "o.owner_user"),
        CHANNEL("渠道", "o.channel"),
        CAMPAIGN("市场活动", "lower(trim(o.campaign))"),
        PRODUCT_LINE("产品线", "o.product_line");

        private final String label;
        private final String column;

        Dimension(String label, String column) {
            this.label = label;
            this.column = column;
        }

        public String label() {
            return label;
        }
    }

    private final JdbcClient jdbc;
    private final CampusScope scope;
    private final Campuses campuses;
    private final CampusRepository campusRepository;
    private final TeamRepository teams;
    private final StaffDirectory staff;

    Funnels(JdbcClient jdbc, CampusScope scope, Campuses campuses, CampusRepository campusRepository,
            TeamRepository teams, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.campuses = campuses;
        this.campusRepository = campusRepository;
        this.teams = teams;
        this.staff = staff;
    }

    /**
     * The filters as a caller typed them: dates required, the rest optional (codes or Chinese words; a team by id or
     * name, a consultant by user id, a campaign by its name in any case).
     */
    public record Filter(LocalDate from, LocalDate to, String campus, String channel, String campaign,
            String productLine, String team, String consultant) {

        public Filter(LocalDate from, LocalDate to, String campus, String channel, String campaign,
                String productLine) {
            this(from, to, campus, channel, campaign, productLine, null, null);
        }
    }

    /** A choice of a filter: its code and what staff read. */
    public record Option(String code, String label) {
    }

    /**
     * What the acting user may filter by: their own campuses, their campuses' teams and consultants (the members of
     * those teams), the campaigns recorded for them, every channel and product line.
     */
    public record Options(String allCampuses, List<Option> campuses, List<Option> channels, List<Option> productLines,
            List<Option> teams, List<Option> consultants, List<Option> campaigns, List<Option> dimensions) {
    }

    /**
     * The campuses of a report without a campus filter, as staff read them: 全部校区 for whoever sees every campus (head
     * office), 我负责的全部校区 for the others.
     */
    private String campusesLabel(Scope visible) {
        return campusRepository.allSeenBy(visible) ? "全部校区" : "我负责的全部校区";
    }

    public Options options() {
        Scope visible = scope.current();
        List<Team> ownTeams = visibleTeams(visible);
        PlaceNames places = new PlaceNames(campuses, teams);
        Set<String> members = new TreeSet<>();
        ownTeams.forEach(t -> teams.members(t.id()).forEach(m -> members.add(m.userId())));
        Map<String, String> names = staff.displayNames(members);
        List<Option> consultants = members.stream().map(u -> new Option(u, names.getOrDefault(u, u)))
                .sorted(Comparator.comparing(Option::label)).toList();
        List<Option> campaigns = visible.bind(jdbc.sql("select name from campaign c where c.campus_code is null or "
                + visible.campusCondition("c.campus_code") + " order by starts_on desc, name"))
                .query(String.class).list().stream().map(n -> new Option(n, n)).toList();
        return new Options(campusesLabel(visible),
                campusRepository.findActiveSeenBy(visible).stream().map(c -> new Option(c.code(), c.name())).toList(),
                Arrays.stream(Channel.values()).map(c -> new Option(c.name(), c.label())).toList(),
                Arrays.stream(ProductLine.values()).map(p -> new Option(p.name(), p.label())).toList(),
                ownTeams.stream().map(t -> new Option(t.id(), places.teamWithCampus(t))).toList(),
                consultants, campaigns,
                Arrays.stream(Dimension.values()).map(d -> new Option(d.name(), d.label())).toList());
    }

    /**
     * The funnel for the filters, within the acting user's campuses, with the same counts for the period just
     * before; a campus or team outside them is "not found" (as if it did not exist), a filter that names nothing is a
     * field problem (400).
     */
    public FunnelReport report(Filter filter) {
        Where where = where(filter);
        LocalDate previousTo = filter.from().minusDays(1);
        LocalDate previousFrom = previousTo.minusDays(ChronoUnit.DAYS.between(filter.from(), filter.to()));
        long[] now;
        long[] before;
        FunnelReport.Revenue revenue;
        if (summarised(where)) {
            Summary summary = fromFunnelDay(previousFrom, filter.from(), filter.to(), where);
            now = summary.now();
            before = summary.before();
            revenue = summary.revenue();
        } else {
            now = counts(start(filter.from()), end(filter.to()), where);
            before = counts(start(previousFrom), end(previousTo), where);
            revenue = revenue(start(filter.from()), end(filter.to()), where);
        }
        List<FunnelReport.Stage> stages = new ArrayList<>();
        for (int i = 0; i < STAGES.size(); i++) {
            stages.add(new FunnelReport.Stage(STAGES.get(i).key(), STAGES.get(i).label(), now[i], before[i],
                    FunnelReport.change(now[i], before[i])));
        }
        return new FunnelReport(filter.from().toString(), filter.to().toString(), where.campus, where.campusName,
                where.campusName != null ? where.campusName : campusesLabel(where.visible), where.channel,
                where.channelLabel, where.campaign, where.productLine, where.productLineLabel,
                where.teamId, where.teamName, where.consultant, where.consultantName, previousFrom.toString(),
                previousTo.toString(), stages, rates(now, before), revenue);
    }

    /**
     * The funnel of the filters broken down by one dimension (分组对比): a line per campus, team, consultant, channel,
     * campaign or product line with its seven counts and nine rates, the largest intake first. Opportunities without
     * a value (no team yet, no campaign) make one line of their own, so the lines add up to the funnel.
     */
    public FunnelBreakdown breakdown(Filter filter, String by) {
        InputRules rules = new InputRules();
        Dimension dimension = null;
        if (by == null || by.isBlank()) {
            rules.problem("by", "请选择分组方式：" + dimensionChoices());
        } else {
            dimension = Arrays.stream(Dimension.values())
                    .filter(d -> d.name().replace("_", "").equalsIgnoreCase(by.trim().replace("_", ""))
                            || d.label().equals(by.trim()))
                    .findFirst().orElse(null);
            if (dimension == null) {
                rules.problem("by", "不能按 " + InputRules.abbreviate(by) + " 分组，可选：" + dimensionChoices());
            }
        }
        Where where = where(filter, rules);
        StringBuilder sql = new StringBuilder("select " + dimension.column + " k");
        if (dimension == Dimension.CAMPAIGN) {
            sql.append(", min(trim(o.campaign)) shown");
        }
        StringBuilder anyStage = new StringBuilder();
        for (StageColumn stage : STAGES) {
            sql.append(", sum(case when ").append(stage.reached()).append(" then 1 else 0 end) ").append(stage.key());
            anyStage.append(anyStage.length() == 0 ? "(" : " or ").append("(o.").append(stage.column())
                    .append(" >= :start and o.").append(stage.column()).append(" < :end)");
        }
        sql.append(" from opportunity o where ").append(anyStage).append(")");
        boolean campaigns = dimension == Dimension.CAMPAIGN;
        List<Object[]> lines = summarised(where) && (dimension == Dimension.CAMPUS || dimension == Dimension.TEAM)
                ? summaryLines(dimension, filter.from(), filter.to(), where)
                : filtered(sql.toString(), start(filter.from()), end(filter.to()), where, dimension.column, null)
                        .query((rs, n) -> {
                            long[] counts = new long[STAGES.size()];
                            for (int i = 0; i < counts.length; i++) {
                                counts[i] = rs.getLong(STAGES.get(i).key());
                            }
                            return new Object[] {rs.getString("k"), campaigns ? rs.getString("shown") : null, counts};
                        }).list();
        Map<String, String> labels = labels(dimension, lines);
        List<FunnelBreakdown.Line> result = new ArrayList<>();
        for (Object[] line : lines) {
            String key = (String) line[0];
            long[] counts = (long[]) line[2];
            List<FunnelReport.Stage> stages = new ArrayList<>();
            for (int i = 0; i < STAGES.size(); i++) {
                stages.add(new FunnelReport.Stage(STAGES.get(i).key(), STAGES.get(i).label(), counts[i], null, null));
            }
            result.add(new FunnelBreakdown.Line(key == null ? null : filterValue(dimension, key, (String) line[1]),
                    key == null ? noValue(dimension) : labels.getOrDefault(key, key), stages, rates(counts, null)));
        }
        result.sort(Comparator.comparingLong((FunnelBreakdown.Line l) -> -l.stages().get(0).count())
                .thenComparing(l -> l.key() == null ? 1 : 0).thenComparing(FunnelBreakdown.Line::label));
        return new FunnelBreakdown(filter.from().toString(), filter.to().toString(), dimension.name(),
                dimension.label(), where.describe(), result);
    }

    private static String dimensionChoices() {
        return String.join("、", Arrays.stream(Dimension.values()).map(d -> d.name() + "（" + d.label() + "）").toList());
    }

    /** A line's key as the matching filter takes it (a campaign by its name as the leads wrote it). */
    private static String filterValue(Dimension dimension, String key, String shown) {
        return dimension == Dimension.CAMPAIGN ? shown : key;
    }

    private static String noValue(Dimension dimension) {
        return switch (dimension) {
            case CAMPUS -> "未定校区";
            case TEAM -> "未分配团队";
            case CONSULTANT -> "未分配顾问";
            case CHANNEL -> "未知渠道";
            case CAMPAIGN -> "无市场活动";
            case PRODUCT_LINE -> "未定产品线";
        };
    }

    /** What staff read for each key of the lines: campus and team names, people's names, Chinese labels. */
    private Map<String, String> labels(Dimension dimension, List<Object[]> lines) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<String> keys = lines.stream().map(l -> (String) l[0]).filter(k -> k != null).toList();
        PlaceNames places = new PlaceNames(campuses, teams);
        switch (dimension) {
            case CAMPUS -> keys.forEach(k -> labels.put(k, places.campus(k)));
            case TEAM -> keys.forEach(k -> labels.put(k, places.teamWithCampus(k)));
            case CONSULTANT -> labels.putAll(staff.displayNames(keys));
            case CHANNEL -> keys.forEach(k -> labels.put(k, label(Channel.values(), k, Channel::label)));
            case PRODUCT_LINE -> keys.forEach(k -> labels.put(k, label(ProductLine.values(), k, ProductLine::label)));
            case CAMPAIGN -> {
                Map<String, String> recorded = new LinkedHashMap<>();
                jdbc.sql("select name_key, name from campaign").query((rs, n) -> recorded.put(rs.getString(1),
                        rs.getString(2))).list();
                lines.stream().filter(l -> l[0] != null).forEach(l -> labels.put((String) l[0],
                        recorded.getOrDefault((String) l[0], (String) l[1])));
            }
        }
        return labels;
    }

    /** What staff read for a stored code of an enum (its Chinese label); the code itself when no constant has it. */
    static <E extends Enum<E>> String label(E[] values, String code, java.util.function.Function<E, String> label) {
        return Arrays.stream(values).filter(v -> v.name().equals(code)).findFirst().map(label).orElse(code);
    }

    /** The nine rates of the counts, and of the previous period's when given. */
    private static List<FunnelReport.Rate> rates(long[] counts, long[] previous) {
        List<FunnelReport.Rate> rates = new ArrayList<>();
        for (String[] rate : RATES) {
            int numerator = index(rate[2]);
            int denominator = index(rate[3]);
            rates.add(new FunnelReport.Rate(rate[0], rate[1], rate[2] + " / " + rate[3],
                    FunnelReport.percent(counts[numerator], counts[denominator]),
                    previous == null ? null : FunnelReport.percent(previous[numerator], previous[denominator])));
        }
        return rates;
    }

    private static int index(String stageKey) {
        for (int i = 0; i < STAGES.size(); i++) {
            if (STAGES.get(i).key().equals(stageKey)) {
                return i;
            }
        }
        throw new IllegalArgumentException(stageKey);
    }

    static OffsetDateTime start(LocalDate from) {
        return from.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
    }

    static OffsetDateTime end(LocalDate to) {
        return to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime();
    }

    /**
     * Whether funnel_day (V25, kept by a trigger on every write to opportunity) can answer: it is counted by day,
     * campus (or call centre), team and lead, so any other filter reads the opportunities themselves.
     */
    private static boolean summarised(Where where) {
        return where.channel == null && where.campaign == null && where.productLine == null
                && where.consultant == null;
    }

    /** The summary rows of the days [from, to] within the filters and the scope, leads counted as leads only. */
    private String summaryWhere(Where where) {
        StringBuilder leadsOnly = new StringBuilder();
        STAGES.stream().filter(StageColumn::leadsOnly).forEach(s -> leadsOnly.append(leadsOnly.isEmpty() ? "" : ", ")
                .append("'").append(s.key()).append("'"));
        return " from funnel_day f where f.reached_on >= :from and f.reached_on <= :to and (f.is_lead or f.stage not in ("
                + leadsOnly + ")) and " + where.summaryCondition("f.", true, false);
    }

    private JdbcClient.StatementSpec summary(String sql, LocalDate from, LocalDate to, Where where) {
        return where.bind(jdbc.sql(sql)).param("from", from).param("to", to);
    }

    /** The seven counts of the period and of the one before it, and the period's revenue, from funnel_day. */
    private record Summary(long[] now, long[] before, FunnelReport.Revenue revenue) {
    }

    /**
     * The seven counts of [previousFrom, from) and of [from, to] in one pass over funnel_day, and the period's revenue
     * from the same rows: the money its 'paid' rows carry (V28).
     */
    private Summary fromFunnelDay(LocalDate previousFrom, LocalDate from, LocalDate to, Where where) {
        long[] now = new long[STAGES.size()];
        long[] before = new long[STAGES.size()];
        FunnelReport.Revenue[] revenue = {revenue(0, BigDecimal.ZERO, 0, BigDecimal.ZERO)};
        String inPeriod = "case when f.reached_on >= :periodStart then ";
        summary("select f.stage, sum(" + inPeriod + "f.opportunities else 0 end) now_count, "
                + "sum(case when f.reached_on < :periodStart then f.opportunities else 0 end) before_count, "
                + "sum(" + inPeriod + "f.orders else 0 end) orders, "
                + "sum(" + inPeriod + "f.order_value else 0 end) order_value, "
                + "sum(" + inPeriod + "f.order_lessons else 0 end) order_lessons, "
                + "sum(" + inPeriod + "f.refunded_value else 0 end) refunded_value"
                + summaryWhere(where) + " group by f.stage", previousFrom, to, where).param("periodStart", from)
                .query((rs, n) -> {
                    int i = index(rs.getString("stage"));
                    now[i] = rs.getLong("now_count");
                    before[i] = rs.getLong("before_count");
                    if (STAGES.get(i).key().equals("paid")) {
                        revenue[0] = revenue(rs.getLong("orders"), rs.getBigDecimal("order_value"),
                                rs.getLong("order_lessons"), rs.getBigDecimal("refunded_value"));
                    }
                    return null;
                }).list();
        return new Summary(now, before, revenue[0]);
    }

    /** 分组对比 by campus or team from funnel_day: a line per value ('' = none), as the live query gives them. */
    private List<Object[]> summaryLines(Dimension dimension, LocalDate from, LocalDate to, Where where) {
        String key = dimension == Dimension.CAMPUS ? "f.campus_code" : "f.team_id";
        StringBuilder sql = new StringBuilder("select " + key + " k");
        for (StageColumn stage : STAGES) {
            sql.append(", sum(case when f.stage = '").append(stage.key()).append("' then f.opportunities else 0 end) ")
                    .append(stage.key());
        }
        sql.append(summaryWhere(where)).append(" group by ").append(key);
        List<Object[]> lines = new ArrayList<>();
        summary(sql.toString(), from, to, where).query((rs, n) -> {
            long[] counts = new long[STAGES.size()];
            boolean any = false;
            for (int i = 0; i < counts.length; i++) {
                counts[i] = rs.getLong(STAGES.get(i).key());
                any |= counts[i] != 0;
            }
            if (any) {
                String k = rs.getString("k");
                lines.add(new Object[] {k == null || k.isEmpty() ? null : k, null, counts});
            }
            return null;
        }).list();
        return lines;
    }

    /** The seven stage counts of a period: one count per stage, each over its own timestamp column. */
    private long[] counts(OffsetDateTime start, OffsetDateTime end, Where where) {
        long[] counts = new long[STAGES.size()];
        for (int i = 0; i < counts.length; i++) {
            StageColumn stage = STAGES.get(i);
            counts[i] = filtered("select count(*) from opportunity o where " + stage.reached(), start, end, where)
                    .query(Long.class).single();
        }
        return counts;
    }

    Where where(Filter filter) {
        return where(filter, new InputRules());
    }

    /**
     * The filters checked and resolved to codes within the acting user's scope; the problems found with those of the
     * caller's {@code rules} as one 400. A campus or team the user may not see: 404.
     */
    Where where(Filter filter, InputRules rules) {
        if (filter.from() == null) {
            rules.problem("from", "请填写开始日期");
        }
        if (filter.to() == null) {
            rules.problem("to", "请填写结束日期");
        }
        rules.period(filter.from(), filter.to(), "结束日期不能早于开始日期");
        Campus campusFound = null;
        Campuses.Match match = campuses.find(filter.campus());
        if (match.found()) {
            campusFound = match.campus();
        } else if (match.problem() != null) {
            rules.problem("campus", match.problem());
        }
        Channel channelFound = rules.code("channel", filter.channel(), Channel.class, false);
        ProductLine lineFound = rules.code("productLine", filter.productLine(), ProductLine.class, false);
        Scope visible = scope.current();
        Team teamFound = null;
        if (filter.team() != null && !filter.team().isBlank()) {
            String wanted = filter.team().trim();
            // by id, else by name among the caller's own teams (names are unique within a campus, not across)
            teamFound = teams.find(wanted).or(() -> visibleTeams(visible).stream()
                    .filter(t -> t.name().equals(wanted)).findFirst()).orElse(null);
            if (teamFound == null) {
                rules.problem("team", "没有销售团队 " + InputRules.abbreviate(wanted));
            }
        }
        String consultant = filter.consultant() == null || filter.consultant().isBlank() ? null
                : filter.consultant().trim();
        if (consultant != null && (consultant.length() > 64 || !consultant.matches("[A-Za-z0-9_.@-]+"))) {
            rules.problem("consultant", "课程顾问请填写员工账号（如 liwei）");
            consultant = null;
        }
        String campaign = filter.campaign() == null || filter.campaign().isBlank() ? null : filter.campaign().trim();
        if (campaign != null && campaign.length() > 64) {
            rules.problem("campaign", "市场活动名称最多 64 个字");
        }
        rules.throwIfAny();
        if (campusFound != null && !visible.seesCampus(campusFound.code())) {
            throw new NotFoundException("您负责的校区中没有校区 " + campusFound.code() + " 的报表");
        }
        if (teamFound != null && !visible.seesCampus(teamFound.campusCode())) {
            throw new NotFoundException("您负责的校区中没有销售团队 " + filter.team().trim());
        }
        return new Where(campusFound == null ? null : campusFound.code(),
                campusFound == null ? null : campusFound.name(), channelFound == null ? null : channelFound.name(),
                channelFound == null ? null : channelFound.label(), campaign, lineFound == null ? null
                        : lineFound.name(), lineFound == null ? null : lineFound.label(),
                teamFound == null ? null : teamFound.id(), teamFound == null ? null : teamFound.name(), consultant,
                consultant == null ? null : consultantName(consultant, visible), visible);
    }

    /**
     * The name of the consultant a report is filtered by, when they work in one of the caller's teams (or the caller
     * sees every campus); otherwise the account as given: a filter must not look up anybody's real name.
     */
    private String consultantName(String consultant, Scope visible) {
        boolean ours = visible.all() || visibleTeams(visible).stream()
                .anyMatch(t -> teams.members(t.id()).stream().anyMatch(m -> consultant.equals(m.userId())));
        return ours ? staff.displayName(consultant) : consultant;
    }

    private List<Team> visibleTeams(Scope visible) {
        return teams.findAll().stream().filter(t -> visible.seesCampus(t.campusCode())).toList();
    }

    /** The report's filters as codes (with what staff read), and the acting user's scope. */
    record Where(String campus, String campusName, String channel, String channelLabel, String campaign,
            String productLine, String productLineLabel, String teamId, String teamName, String consultant,
            String consultantName, Scope visible) {

        /** The same filters on what an opportunity is, without whose it is now (for events that name team and person). */
        Where withoutOwner() {
            return new Where(campus, campusName, channel, channelLabel, campaign, productLine, productLineLabel, null,
                    null, null, null, visible);
        }

        /**
         * SQL: the rows of a summary table (alias e.g. "f.") within the scope and the campus, and the team and product
         * line when the table keeps them; its caller reads the opportunities themselves for a filter it does not keep.
         * {@link #bind} binds what it names.
         */
        String summaryCondition(String alias, boolean keepsTeam, boolean keepsProductLine) {
            return visible.summaryCondition(alias) + (campus != null ? " and " + alias + "campus_code = :campus" : "")
                    + (keepsTeam && teamId != null ? " and " + alias + "team_id = :team" : "")
                    + (keepsProductLine && productLine != null ? " and " + alias + "product_line = :productLine" : "");
        }

        /**
         * SQL, to follow a condition on opportunity {@code o}: not a renewal, within the scope and every filter.
         * {@link #bind} binds what it names.
         */
        String opportunityCondition() {
            // renewals (续费) are sold to families already won: they have their own report, never the new-lead funnel
            return " and o.renewal_of_id is null and " + visible.opportunityCondition("o.")
                    + (campus != null ? " and o.campus_code = :campus" : "")
                    + (channel != null ? " and o.channel = :channel" : "")
                    // a lead names its campaign as text; it belongs to the campaign of that name (V23's name_key)
                    + (campaign != null ? " and lower(trim(o.campaign)) = :campaign" : "")
                    + (productLine != null ? " and o.product_line = :productLine" : "")
                    + (teamId != null ? " and o.team_id = :team" : "")
                    + (consultant != null ? " and o.owner_user = :consultant" : "");
        }

        /**
         * Binds the scope and the filters that {@link #summaryCondition} and {@link #opportunityCondition} name (a
         * parameter a statement does not name is ignored).
         */
        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            JdbcClient.StatementSpec spec = visible.bind(statement);
            if (campus != null) {
                spec = spec.param("campus", campus);
            }
            if (channel != null) {
                spec = spec.param("channel", channel);
            }
            if (campaign != null) {
                spec = spec.param("campaign", campaign.toLowerCase(java.util.Locale.ROOT));
            }
            if (productLine != null) {
                spec = spec.param("productLine", productLine);
            }
            if (teamId != null) {
                spec = spec.param("team", teamId);
            }
            if (consultant != null) {
                spec = spec.param("consultant", consultant);
            }
            return spec;
        }

        /** The filters in Chinese, for a heading or an Excel file: "北京海淀校区 · 电话接访"; empty: all. */
        String describe() {
            return String.join(" · ", java.util.stream.Stream.of(campusName, channelLabel, productLineLabel, teamName,
                    consultantName, campaign).filter(s -> s != null).toList());
        }
    }

    /**
     * Paid orders in the period: the orders not cancelled of the opportunities paid in it, at their contract value
     * (the money V28 keeps on each opportunity). Refunds of those orders are subtracted for the net, in the period the
     * order was paid (the sale's cohort).
     */
    private FunnelReport.Revenue revenue(OffsetDateTime start, OffsetDateTime end, Where where) {
        return filtered("select coalesce(sum(o.order_count), 0) orders, coalesce(sum(o.order_value), 0) total, "
                + "coalesce(sum(o.order_lessons), 0) lessons, coalesce(sum(o.refunded_value), 0) refunded "
                + "from opportunity o where o.paid_at >= :start and o.paid_at < :end", start, end, where)
                .query((rs, n) -> revenue(rs.getLong("orders"), rs.getBigDecimal("total"), rs.getLong("lessons"),
                        rs.getBigDecimal("refunded")))
                .single();
    }

    private static FunnelReport.Revenue revenue(long orders, BigDecimal value, long lessons, BigDecimal refunds) {
        BigDecimal total = (value == null ? BigDecimal.ZERO : value).setScale(2, RoundingMode.HALF_UP);
        BigDecimal refunded = (refunds == null ? BigDecimal.ZERO : refunds).setScale(2, RoundingMode.HALF_UP);
        return new FunnelReport.Revenue(orders, total,
                orders == 0 ? null : total.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP),
                lessons == 0 ? null : total.divide(BigDecimal.valueOf(lessons), 2, RoundingMode.HALF_UP),
                "158–398", refunded, total.subtract(refunded));
    }

    JdbcClient.StatementSpec filtered(String sql, OffsetDateTime start, OffsetDateTime end, Where where) {
        return filtered(sql, start, end, where, null, null);
    }

    /**
     * The query with the report's optional filters (on opportunity {@code o}), the scope and the period bound, grouped
     * by {@code groupBy} and followed by {@code tail} (an order, a limit) when given.
     */
    JdbcClient.StatementSpec filtered(String sql, OffsetDateTime start, OffsetDateTime end, Where where,
            String groupBy, String tail) {
        StringBuilder text = new StringBuilder(sql).append(where.opportunityCondition());
        if (groupBy != null) {
            text.append(" group by ").append(groupBy);
        }
        if (tail != null) {
            text.append(tail);
        }
        return where.bind(jdbc.sql(text.toString())).param("start", start).param("end", end);
    }
}
