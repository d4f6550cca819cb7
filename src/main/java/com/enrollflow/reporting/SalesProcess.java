package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.assignment.AssignmentEventKind;
import com.enrollflow.assignment.RecycleLimitTable;
import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.common.ConflictException;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campuses;

/**
 * 销售过程跟踪 (seed 002, 销售管理): where opportunities stand after assignment. For the period and the funnel's filters:
 * the activity counts of distribution per team and consultant, and the time from each stage to the next; as of now:
 * the open opportunities stuck past the limits of recycle-limits.dmn (the limits the assignment timers take), with
 * the families' names only in {@link #stuck(Funnels.Filter)}, which /api and the board open to the roles that see the
 * opportunities behind a count.
 */
@Service
public class SalesProcess {

    /** At most this many stuck opportunities are listed; {@link SalesProcessReport.StuckListing#total()} says all. */
    public static final int LIMIT = 200;

    /** The columns that move when an opportunity progresses: the latest of them is when it last moved. */
    private static final List<String> MOVES = List.of("received_at", "valid_at", "intent_at", "assigned_at",
            "first_contact_at", "last_progress_at", "agreed_at", "visited_at", "planned_at");

    /** What the stuck listing reads of an open opportunity {@code o}. */
    private static final String STUCK_COLUMNS = "o.id, o.customer_id, o.campus_code, o.team_id, o.product_line, "
            + "o.owner_user, o.pool, o.recycle_exempt, o." + String.join(", o.", MOVES);

    private final Funnels funnels;
    private final RecycleLimitTable limits;
    private final TeamRepository teams;
    private final StaffDirectory staff;
    private final Campuses campuses;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final StageTimes stageTimes;

    SalesProcess(Funnels funnels, RecycleLimitTable limits, TeamRepository teams,
            StaffDirectory staff, Campuses campuses, Clock clock, JdbcClient jdbc, StageTimes stageTimes) {
        this.funnels = funnels;
        this.limits = limits;
        this.teams = teams;
        this.staff = staff;
        this.campuses = campuses;
        this.clock = clock;
        this.jdbc = jdbc;
        this.stageTimes = stageTimes;
    }

    /** The activity and stage times of the period and the stuck opportunities now, under the funnel's filters. */
    public SalesProcessReport report(Funnels.Filter filter) {
        Funnels.Where where = funnels.where(filter);
        List<Open> open = open(where);
        // one moment for the cutoffs and the exact checks
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(BusinessTime.ZONE));
        StuckCount past = stuckCount(where, kinds(open, now), now);
        return new SalesProcessReport(filter.from().toString(), filter.to().toString(), where.describe(),
                activity(filter, where), stageTimes.of(filter.from(), filter.to(), where),
                new SalesProcessReport.Stuck(open.stream().mapToLong(Open::count).sum(), past.total,
                        past.notContacted, past.contacted, past.exempt, counts(past.byStage),
                        counts(past.byWaiting)));
    }

    /** The open opportunities stuck past their limit now, most overdue first, with the families' names. */
    public SalesProcessReport.StuckListing stuck(Funnels.Filter filter) {
        LocalDate today = LocalDate.now(clock.withZone(BusinessTime.ZONE));
        Funnels.Filter now = new Funnels.Filter(filter.from() == null ? today : filter.from(),
                filter.to() == null ? today : filter.to(), filter.campus(), filter.channel(), filter.campaign(),
                filter.productLine(), filter.team(), filter.consultant());
        Funnels.Where where = funnels.where(now);
        ZonedDateTime moment = ZonedDateTime.now(clock.withZone(BusinessTime.ZONE));
        List<Kind> kinds = kinds(open(where), moment);
        long total;
        List<Stuck> shown;
        if (kinds.stream().allMatch(Kind::exact)) {
            // limits in hours and days: a deadline is the last move plus a fixed time, so the database orders by it
            // and hands over the first LIMIT; the total is the report's count (decision 518)
            total = stuckCount(where, kinds, moment).total;
            shown = mostOverdue(where, kinds, moment);
        } else {
            List<Stuck> past = stuck(where, kinds, Band.POSSIBLE, moment).stream()
                    .sorted(Comparator.comparing((Stuck s) -> s.overdue).reversed().thenComparing(s -> s.id)).toList();
            total = past.size();
            shown = past.stream().limit(LIMIT).toList();
        }
        Map<Long, String> families = new HashMap<>();
        if (!shown.isEmpty()) {
            jdbc.sql("select id, name from customer where id in (:ids)")
                    .param("ids", shown.stream().map(s -> s.customerId).distinct().toList())
                    .query(rs -> {
                        families.put(rs.getLong("id"), rs.getString("name"));
                    });
            // what only the listing shows, for the listed ones: the counts read neither
            Map<Long, Stuck> byId = new HashMap<>();
            shown.forEach(st -> byId.put(st.id, st));
            jdbc.sql("select id, recycle_exempt_reason, process_instance_id from opportunity where id in (:ids)")
                    .param("ids", List.copyOf(byId.keySet())).query(rs -> {
                        Stuck st = byId.get(rs.getLong("id"));
                        st.exemptReason = st.exempt ? rs.getString("recycle_exempt_reason") : null;
                        st.processInstanceId = rs.getString("process_instance_id");
                    });
        }
        Set<String> owners = new HashSet<>();
        shown.stream().map(s -> s.owner).filter(o -> o != null).forEach(owners::add);
        Map<String, String> names = staff.displayNames(owners);
        PlaceNames places = new PlaceNames(campuses, teams);
        return new SalesProcessReport.StuckListing(where.describe(), total, LIMIT, shown.stream()
                .map(s -> new SalesProcessReport.StuckOpportunity(s.id, families.get(s.customerId),
                        places.campus(s.campus),
                        places.team(s.team),
                        s.owner == null ? s.waitingKind : names.getOrDefault(s.owner, s.owner), s.stage.label(),
                        s.contacted ? "超时无进展" : "超时未首次联系", BusinessTime.shown(s.since), s.limit,
                        BusinessTime.durationShown(s.limit), hours(s.overdue), shown(s.overdue), s.exemptReason,
                        s.processInstanceId))
                .toList());
    }

    private List<SalesProcessReport.Activity> activity(Funnels.Filter filter, Funnels.Where where) {
        ActivityTally tally = new ActivityTally();
        // the team and person filters apply to the events (who received, who lost), not to the opportunity's owner now
        RowCallbackHandler add = rs -> tally.add("", blankAsNull(rs.getString("team_id")),
                AssignmentEventKind.valueOf(rs.getString("kind")), blankAsNull(rs.getString("from_user")),
                blankAsNull(rs.getString("to_user")), rs.getLong("events"));
        if (where.channel() == null && where.campaign() == null) {
            // assignment_day (V35–V37) keeps the counts per day, campus and product line as the events happen
            // the team filter is applied to the lines below, as for the events themselves
            where.bind(jdbc.sql("select d.team_id, d.kind, d.from_user, d.to_user, "
                    + "sum(d.events) events from assignment_day d "
                    + "where d.occurred_on >= :from and d.occurred_on <= :to "
                    + "and " + where.summaryCondition("d.", false, true)
                    + " group by d.team_id, d.kind, d.from_user, d.to_user having sum(d.events) <> 0"))
                    .param("from", filter.from()).param("to", filter.to()).query(add);
        } else {
            funnels.filtered("select e.team_id, e.kind, e.from_user, e.to_user, count(*) events "
                    + "from assignment_event e join opportunity o on o.id = e.opportunity_id "
                    + "where e.occurred_at >= :start and e.occurred_at < :end", Funnels.start(filter.from()),
                    Funnels.end(filter.to()), where.withoutOwner(), "e.team_id, e.kind, e.from_user, e.to_user", null)
                    .query(add);
        }
        List<ActivityTally.Line> lines = new ArrayList<>();
        tally.lines().forEach(line -> {
            boolean teamMatches = where.teamId() == null || where.teamId().equals(line.teamId());
            boolean personMatches = where.consultant() == null ? true : where.consultant().equals(line.userId());
            if (teamMatches && personMatches) {
                lines.add(line);
            }
        });
        Set<String> people = new HashSet<>();
        lines.stream().map(ActivityTally.Line::userId).filter(u -> u != null).forEach(people::add);
        Map<String, String> names = staff.displayNames(people);
        PlaceNames places = new PlaceNames(campuses, teams);
        List<SalesProcessReport.Activity> result = new ArrayList<>();
        for (ActivityTally.Line line : lines) {
            long[] c = line.counts();
            String team = places.teamWithCampus(line.teamId());
            result.add(new SalesProcessReport.Activity(line.teamId(), team, line.userId(),
                    line.userId() == null ? team + " 合计" : names.getOrDefault(line.userId(), line.userId()), c[0],
                    c[1], c[2], c[3], c[4], c[5]));
        }
        result.sort(Comparator.comparing(SalesProcessReport.Activity::teamName)
                .thenComparing(a -> a.userId() == null ? 0 : 1).thenComparing(SalesProcessReport.Activity::name));
        return result;
    }

    private static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static BigDecimal hours(Duration duration) {
        return StageTimes.hours(BigDecimal.valueOf(duration.toSeconds()));
    }

    /** A duration as staff read it: 小时 under two days, 天 (one place) from two days on. */
    static String shown(Duration duration) {
        return StageTimes.shown(hours(duration));
    }

    private static List<SalesProcessReport.Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> new SalesProcessReport.Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong((SalesProcessReport.Count c) -> -c.count())
                        .thenComparing(SalesProcessReport.Count::label))
                .toList();
    }

    /** An open opportunity as the stuck check sees it; {@code overdue} null while within its limit. */
    private static final class Stuck {
        long id;
        long customerId;
        String campus;
        String team;
        String owner;
        String waitingKind;
        FunnelStage stage;
        boolean contacted;
        boolean exempt;
        String exemptReason;
        OffsetDateTime since;
        String limit;
        Duration overdue;
        String processInstanceId;
    }

    /** Open opportunities of one team and product line (either null: none yet). */
    private record Open(String team, String productLine, long count) {
    }

    /**
     * How many opportunities of the filters are open now, per team and product line (renewals have their own report):
     * the total, and the kinds whose limits the stuck check applies; from open_standing (V57, decision 517) unless a
     * filter it does not keep (channel, campaign, consultant) asks for the opportunities themselves.
     */
    private List<Open> open(Funnels.Where where) {
        if (standing(where)) {
            return standing("select s.team_id, s.product_line, sum(s.opportunities) n", "s.team_id, s.product_line",
                    where).query((rs, n) -> new Open(blankAsNull(rs.getString("team_id")),
                            blankAsNull(rs.getString("product_line")), rs.getLong("n"))).list();
        }
        OffsetDateTime any = OffsetDateTime.now(clock);
        return funnels.filtered("select o.team_id, o.product_line, count(*) n from opportunity o "
                + "where o.status = 'OPEN'",
                any, any, where, "o.team_id, o.product_line", null)
                .query((rs, n) -> new Open(rs.getString("team_id"), rs.getString("product_line"), rs.getLong("n")))
                .list();
    }

    /**
     * Whether open_standing can answer: it keeps the open opportunities by campus (or call centre), team and product
     * line, so a filter on channel, campaign or consultant reads the opportunities themselves.
     */
    private static boolean standing(Funnels.Where where) {
        return where.channel() == null && where.campaign() == null && where.consultant() == null;
    }

    /** The select over open_standing {@code s} within the filters and the scope, grouped by {@code groupBy}. */
    private JdbcClient.StatementSpec standing(String select, String groupBy, Funnels.Where where) {
        return where.bind(jdbc.sql(select + " from open_standing s where "
                + where.summaryCondition("s.", true, true) + " group by " + groupBy
                + " having sum(s.opportunities) <> 0"));
    }

    /**
     * The limits of each team and product line with open opportunities, and how long ago the last move must lie to be
     * past them: certainly (at the limit's longest) and possibly (at its shortest). They differ only for limits in
     * months or years; hours and days are exact.
     */
    private List<Kind> kinds(List<Open> open, ZonedDateTime now) {
        // open() gives each team and product line once
        List<Kind> kinds = new ArrayList<>();
        for (Open o : open) {
            RecycleLimitTable.Limits applying = limitsFor(o.team(), o.productLine());
            kinds.add(new Kind(o.team(), o.productLine(), applying,
                    now.minus(BusinessTime.longest(applying.firstContact())).toOffsetDateTime(),
                    earliestDeadlineStart(now, applying.firstContact()),
                    now.minus(BusinessTime.longest(applying.progress())).toOffsetDateTime(),
                    earliestDeadlineStart(now, applying.progress())));
        }
        return kinds;
    }

    /** A team and product line's limits, and the last moves before which its opportunities are past them. */
    private record Kind(String team, String productLine, RecycleLimitTable.Limits limits,
            OffsetDateTime firstCertainly, OffsetDateTime firstPossibly, OffsetDateTime progressCertainly,
            OffsetDateTime progressPossibly) {

        boolean exact() {
            return firstCertainly.equals(firstPossibly) && progressCertainly.equals(progressPossibly);
        }
    }

    /**
     * Which open opportunities a statement of limits in months or years reads: past some start's limit, or between
     * some start's and every start's (those past every start's are read by {@link #branches}).
     */
    private enum Band {
        POSSIBLE, BETWEEN
    }

    /** The stuck opportunities counted as the report shows them. */
    private static final class StuckCount {
        long total;
        long notContacted;
        long contacted;
        long exempt;
        final Map<String, Long> byStage = new LinkedHashMap<>();
        final Map<String, Long> byWaiting = new LinkedHashMap<>();

        void add(FunnelStage stage, boolean wasContacted, boolean isExempt, String waitingKind, long n) {
            total += n;
            if (wasContacted) {
                contacted += n;
            } else {
                notContacted += n;
            }
            if (isExempt) {
                exempt += n;
            }
            byStage.merge(stage.label(), n, Long::sum);
            byWaiting.merge(waitingKind, n, Long::sum);
        }
    }

    /**
     * How many open opportunities of the filters are past their limit now, counted in the database: those past it
     * whatever a month's length (all of them for limits in hours and days) grouped there, the few in between checked
     * one by one as the listing does. The counts need no row and no name. Without a filter open_standing does not keep,
     * those past it are the open ones it counts less the ones not past their limit: the same count, reading a fifth of
     * the rows (decision 517). Each kind is read by team, product line and contact from V60's indexes (decision 519).
     */
    private StuckCount stuckCount(Funnels.Where where, List<Kind> kinds, ZonedDateTime now) {
        StuckCount past = new StuckCount();
        if (kinds.isEmpty()) {
            return past;
        }
        String stage = FunnelStage.standingSql("o.");
        String counted = "select " + stage + " stage, o.first_contact_at is not null contacted, "
                + "o.recycle_exempt exempt, o.owner_user is not null assigned, o.pool, o.team_id is null teamless, ";
        Map<String, Object> params = new HashMap<>();
        StringBuilder parts = new StringBuilder();
        boolean fromStanding = standing(where);
        if (fromStanding) {
            // every open one of the kinds (open_standing) less those whose last move is within their limits, read by
            // kind and contact from V60's indexes; in one statement, one snapshot of both
            StringBuilder ofKinds = new StringBuilder();
            for (int i = 0; i < kinds.size(); i++) {
                ofKinds.append(i == 0 ? "" : " or ").append("(").append(ofStandingKind(kinds.get(i), i, params))
                        .append(")");
            }
            parts.append("select s.stage, s.contacted, s.exempt, s.assigned, case when s.pool = '' then null else "
                    + "s.pool end pool, s.team_id = '' teamless, s.opportunities n from open_standing s where ")
                    .append(where.summaryCondition("s.", true, true)).append(" and (").append(ofKinds).append(")");
        }
        for (Branch branch : branches(kinds, params)) {
            // from open_standing: subtract those not certainly past; otherwise: count those certainly past (a row
            // each, grouped once below: measured cheaper than a grouping per branch)
            parts.append(parts.isEmpty() ? "" : " union all ").append(counted).append(fromStanding ? "-1 n" : "1 n")
                    .append(" from opportunity o where ").append(branch.condition(fromStanding ? " >= " : " < "))
                    .append(where.opportunityCondition());
        }
        where.bind(jdbc.sql("select x.stage, x.contacted, x.exempt, x.assigned, x.pool, x.teamless, sum(x.n) n from ("
                + parts + ") x group by x.stage, x.contacted, x.exempt, x.assigned, x.pool, x.teamless "
                + "having sum(x.n) <> 0")).params(params).query(rs -> {
            past.add(FunnelStage.valueOf(rs.getString("stage")), rs.getBoolean("contacted"),
                    rs.getBoolean("exempt"), waitingKind(rs.getBoolean("assigned"), rs.getString("pool"),
                            rs.getBoolean("teamless")), rs.getLong("n"));
        });
        stuck(where, kinds, Band.BETWEEN, now).forEach(s -> past.add(s.stage, s.contacted, s.exempt, s.waitingKind, 1));
        return past;
    }

    /** Where the stuck opportunities wait: with a consultant, in the campus's public pool, the team's, or unrouted. */
    private static String waitingKind(boolean assigned, String pool, boolean teamless) {
        return assigned ? "顾问跟进中" : "PUBLIC".equals(pool) ? "校区公海" : "TEAM".equals(pool) ? "团队待领"
                : teamless ? "待分配团队" : "待主管指定";
    }

    /**
     * The condition that keeps the open opportunities of a band: per team and product line (a few), the last move
     * against the cutoffs of its limits, so that a million open leads are not read to find a hundred. Fills
     * {@code cutoffs} with the parameters it names.
     */
    private static String candidates(List<Kind> kinds, Band band, Map<String, Object> cutoffs) {
        String last = lastMove();
        StringBuilder candidates = new StringBuilder();
        for (int i = 0; i < kinds.size(); i++) {
            Kind kind = kinds.get(i);
            if (band == Band.BETWEEN && kind.exact()) {
                continue;
            }
            candidates.append(candidates.isEmpty() ? "" : " or ").append("(").append(ofKind(kind, i, cutoffs))
                    .append(" and ((o.first_contact_at is null and ").append(within(last, band, "first" + i))
                    .append(") or (o.first_contact_at is not null and ").append(within(last, band, "progress" + i))
                    .append(")))");
            cutoffs.put("first" + i, kind.firstPossibly());
            cutoffs.put("progress" + i, kind.progressPossibly());
            if (band == Band.BETWEEN) {
                cutoffs.put("first" + i + "From", kind.firstCertainly());
                cutoffs.put("progress" + i + "From", kind.progressCertainly());
            }
        }
        return candidates.isEmpty() ? null : candidates.toString();
    }

    /**
     * SQL: the latest of the moves of opportunity {@code o}, as V60's indexes are keyed (PostgreSQL uses the index only
     * for this very expression); received_at is never empty, and H2's greatest() is null when any argument is.
     */
    private static String lastMove() {
        StringBuilder last = new StringBuilder("greatest(o.received_at");
        MOVES.stream().filter(c -> !c.equals("received_at"))
                .forEach(c -> last.append(", coalesce(o.").append(c).append(", o.received_at)"));
        return last.append(")").toString();
    }

    /**
     * SQL: opportunity {@code o} is of the {@code i}th kind, its team and product line ('' for none yet, as V60's
     * indexes are keyed: PostgreSQL reads an index in order only after equalities, not after "is null"). Fills
     * {@code params} with the ones it names.
     */
    private static String ofKind(Kind kind, int i, Map<String, Object> params) {
        params.put("team" + i, kind.team() == null ? "" : kind.team());
        params.put("line" + i, kind.productLine() == null ? "" : kind.productLine());
        return "coalesce(o.team_id, '') = :team" + i + " and coalesce(o.product_line, '') = :line" + i;
    }

    /** SQL: open_standing's row {@code s} is of the {@code i}th kind; the parameters are ofKind's. */
    private static String ofStandingKind(Kind kind, int i, Map<String, Object> params) {
        ofKind(kind, i, params);
        return "s.team_id = :team" + i + " and s.product_line = :line" + i;
    }

    /**
     * The open opportunities of one kind not yet contacted (the first-contact limit applies) or contacted (the
     * progress limit): each is read from one of V60's indexes, by team and product line, in the order of its last move,
     * which is the order in which their limits run out.
     */
    private record Branch(String name, String ofKind, boolean contacted) {

        /** SQL: an open opportunity of this branch whose last move is {@code comparison} the branch's cutoff. */
        String condition(String comparison) {
            return "o.status = 'OPEN' and " + ofKind + " and o.first_contact_at is " + (contacted ? "not " : "")
                    + "null and " + lastMove() + comparison + ":cutoff" + name;
        }
    }

    /**
     * Two branches per kind, for the certain cutoffs; fills {@code params} with the parameters they name: the cutoff
     * and the limit in seconds at its longest (which only the listing reads, for limits in hours and days).
     */
    private static List<Branch> branches(List<Kind> kinds, Map<String, Object> params) {
        List<Branch> branches = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            Kind kind = kinds.get(i);
            String ofKind = ofKind(kind, i, params);
            for (boolean contacted : new boolean[] {false, true}) {
                String name = i + (contacted ? "p" : "f");
                params.put("cutoff" + name, contacted ? kind.progressCertainly() : kind.firstCertainly());
                params.put("seconds" + name, inSeconds(BusinessTime.longest(contacted ? kind.limits().progress()
                        : kind.limits().firstContact())));
                branches.add(new Branch(name, ofKind, contacted));
            }
        }
        return branches;
    }

    private static double inSeconds(Duration duration) {
        return duration.toSeconds() + duration.toNanosPart() / 1e9;
    }

    private static String within(CharSequence last, Band band, String cutoff) {
        return last + " < :" + cutoff + (band == Band.BETWEEN ? " and " + last + " >= :" + cutoff + "From" : "");
    }

    /**
     * The open opportunities of a band, each checked exactly against its limit: those past it, with what the listing
     * shows.
     */
    private List<Stuck> stuck(Funnels.Where where, List<Kind> kinds, Band band, ZonedDateTime now) {
        Map<String, Object> params = new HashMap<>();
        String candidates = kinds.isEmpty() ? null : candidates(kinds, band, params);
        if (candidates == null) {
            return List.of();
        }
        return read(where, kinds, now, "select " + STUCK_COLUMNS + " from opportunity o where o.status = 'OPEN' and ("
                + candidates + ")" + where.opportunityCondition(), params);
    }

    /**
     * The {@link #LIMIT} whose limits ran out first (limits in hours and days only). Within a branch (a kind, contacted
     * or not) the limit is the same for all, so they ran out in the order of their last moves: each branch reads its
     * first {@link #LIMIT} from its index, and the database orders those few by deadline, the last move plus the
     * branch's limit (decision 519).
     */
    private List<Stuck> mostOverdue(Funnels.Where where, List<Kind> kinds, ZonedDateTime now) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder parts = new StringBuilder();
        for (Branch branch : branches(kinds, params)) {
            parts.append(parts.isEmpty() ? "" : " union all ").append("select * from (select ").append(STUCK_COLUMNS)
                    .append(", ").append(lastMove()).append(" + cast(:seconds").append(branch.name())
                    .append(" as double precision) * interval '1' second deadline from opportunity o where ")
                    .append(branch.condition(" < ")).append(where.opportunityCondition()).append(" order by ")
                    .append(lastMove()).append(", o.id limit ").append(LIMIT).append(") b").append(branch.name());
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        return read(where, kinds, now, "select * from (" + parts + ") o order by o.deadline, o.id limit " + LIMIT,
                params);
    }

    /**
     * What a listing statement (of {@link #STUCK_COLUMNS}) finds, each checked exactly against its limit: those past
     * it. The families' names, exemption reasons and instances are read for the listed ones only (stuck(Filter)): the
     * counts need none, and V60's indexes hold every column read here.
     */
    private List<Stuck> read(Funnels.Where where, List<Kind> kinds, ZonedDateTime now, String sql,
            Map<String, Object> params) {
        Map<String, RecycleLimitTable.Limits> table = new HashMap<>();
        kinds.forEach(k -> table.put(k.team() + "|" + k.productLine(), k.limits()));
        return where.bind(jdbc.sql(sql)).params(params).query((rs, n) -> {
                    Stuck s = new Stuck();
                    s.id = rs.getLong("id");
                    s.customerId = rs.getLong("customer_id");
                    s.campus = rs.getString("campus_code");
                    s.team = rs.getString("team_id");
                    s.owner = rs.getString("owner_user");
                    s.waitingKind = waitingKind(s.owner != null, rs.getString("pool"), s.team == null);
                    s.exempt = rs.getBoolean("recycle_exempt");
                    s.contacted = rs.getObject("first_contact_at", OffsetDateTime.class) != null;
                    for (FunnelStage stage : FunnelStage.STANDING_FURTHEST_FIRST) {
                        if (rs.getObject(stage.column(), OffsetDateTime.class) != null) {
                            s.stage = stage;
                            break;
                        }
                    }
                    for (String column : MOVES) {
                        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
                        if (at != null && (s.since == null || at.isAfter(s.since))) {
                            s.since = at;
                        }
                    }
                    RecycleLimitTable.Limits applying = table.get(s.team + "|" + rs.getString("product_line"));
                    s.limit = s.contacted ? applying.progress() : applying.firstContact();
                    ZonedDateTime deadline = BusinessTime.plus(s.since.atZoneSameInstant(BusinessTime.ZONE), s.limit);
                    s.overdue = deadline.isBefore(now) ? Duration.between(deadline, now) : null;
                    return s;
                }).list().stream().filter(s -> s.overdue != null).toList();
    }

    /**
     * The latest last move that can be past {@code limit} now: now minus the shortest the limit can be (months as 28
     * days, years as 365), so the database never leaves out one that the exact check would find.
     */
    private static OffsetDateTime earliestDeadlineStart(ZonedDateTime now, String limit) {
        return now.minus(BusinessTime.shortest(limit)).toOffsetDateTime();
    }

    private RecycleLimitTable.Limits limitsFor(String team, String productLine) {
        try {
            RecycleLimitTable.Limits found = limits.limitsFor(team, productLine);
            BusinessTime.plus(ZonedDateTime.now(clock), found.firstContact());
            BusinessTime.plus(ZonedDateTime.now(clock), found.progress());
            return found;
        } catch (IllegalStateException | java.time.format.DateTimeParseException e) {
            throw new ConflictException(409, "无法判断停滞商机：" + e.getMessage());
        }
    }
}
