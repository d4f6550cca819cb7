package com.enrollflow.reporting;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.assignment.TeamRepository;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.customer.TimelineEvent;
import com.enrollflow.opportunity.FunnelStage;
import com.enrollflow.opportunity.OpportunityStatus;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.CampusScope;
import com.enrollflow.reference.Campuses;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Scope;

/**
 * Behind a funnel count (穿透查询): the opportunities that reached a stage in the period under the same filters as
 * {@link Funnels}, newest first, and one opportunity's timeline (客户动态) — always within the acting user's campuses.
 */
@Service
public class FunnelDrilldown {

    /** At most this many opportunities are listed; {@link Listing#total()} says how many there are. */
    public static final int LIMIT = 200;

    private final JdbcClient jdbc;
    private final Funnels funnels;
    private final CampusScope scope;
    private final Campuses campuses;
    private final TeamRepository teams;
    private final StaffDirectory staff;

    FunnelDrilldown(JdbcClient jdbc, Funnels funnels, CampusScope scope, Campuses campuses, TeamRepository teams,
            StaffDirectory staff) {
        this.jdbc = jdbc;
        this.funnels = funnels;
        this.scope = scope;
        this.campuses = campuses;
        this.teams = teams;
        this.staff = staff;
    }

    /**
     * One opportunity as a manager reads it in a list: the family, where it stands and who holds it; {@code reachedAt}
     * (Beijing time): when it reached the stage listed; {@code processInstanceId}: its enrollment process.
     */
    public record Opportunity(long id, String customerName, String campusName, String teamName, String ownerName,
            String channelLabel, String productLineLabel, String statusLabel, String stageLabel, String reachedAt,
            String processInstanceId) {
    }

    /** The opportunities behind one count: {@code total} of them, the newest {@value #LIMIT} listed. */
    public record Listing(String stage, String stageLabel, String from, String to, String filters, long total,
            int limit, List<Opportunity> opportunities) {
    }

    /** An opportunity and its timeline, oldest event first. */
    public record Timeline(Opportunity opportunity, List<Event> events) {
    }

    /** One event: when (Beijing time), what (Chinese), who (name) and the note written with it. */
    public record Event(String at, String label, String actor, String detail) {
    }

    /** The opportunities that reached {@code stage} (a key such as {@code paid}, or 成单缴费量) within the filters. */
    public Listing opportunities(Funnels.Filter filter, String stage) {
        Funnels.StageColumn column = stage == null ? null : Funnels.STAGES.stream()
                .filter(s -> s.key().equalsIgnoreCase(stage.trim()) || s.label().equals(stage.trim())).findFirst()
                .orElse(null);
        if (column == null) {
            InputRules rules = new InputRules();
            rules.problem("stage", (stage == null || stage.isBlank() ? "请选择漏斗阶段" : "没有漏斗阶段 "
                    + InputRules.abbreviate(stage)) + "，可选：" + String.join("、", Funnels.STAGES.stream()
                            .map(s -> s.key() + "（" + s.label() + "）").toList()));
            funnels.where(filter, rules);
            rules.throwIfAny();
        }
        Funnels.Where where = funnels.where(filter);
        OffsetDateTime start = Funnels.start(filter.from());
        OffsetDateTime end = Funnels.end(filter.to());
        long total = funnels.filtered("select count(*) from opportunity o where " + column.reached(), start, end,
                where).query(Long.class).single();
        List<Row> rows = funnels.filtered(SELECT + ", o." + column.column() + " reached from opportunity o "
                + "join customer c on c.id = o.customer_id where " + column.reached(), start, end, where,
                null, " order by o." + column.column() + " desc, o.id desc limit " + LIMIT)
                .query((rs, n) -> row(rs)).list();
        return new Listing(column.key(), column.label(), filter.from().toString(), filter.to().toString(),
                where.describe(), total, LIMIT, views(rows));
    }

    /** One opportunity of the user's campuses with its timeline; another campus's is not found. */
    public Timeline timeline(long opportunityId) {
        Scope visible = scope.current();
        Row row = visible.bind(jdbc.sql(SELECT + ", o.received_at reached from opportunity o join customer c on "
                + "c.id = o.customer_id where o.id = :id and " + visible.opportunityCondition("o.")))
                .param("id", opportunityId).query((rs, n) -> row(rs)).optional()
                .orElseThrow(() -> new NotFoundException("您负责的校区中没有商机 " + opportunityId));
        List<String[]> events = jdbc.sql("select occurred_at, event_type, actor, detail from timeline_event "
                + "where opportunity_id = ? order by occurred_at, id").param(opportunityId)
                .query((rs, n) -> new String[] {BusinessTime.shown(rs.getObject(1, OffsetDateTime.class)),
                        rs.getString(2), rs.getString(3), rs.getString(4)}).list();
        Set<String> actors = new HashSet<>();
        events.stream().map(e -> e[2]).filter(a -> a != null).forEach(actors::add);
        Map<String, String> names = staff.displayNames(actors);
        return new Timeline(views(List.of(row)).get(0), events.stream().map(e -> new Event(e[0], eventLabel(e[1]),
                e[2] == null ? "系统" : names.getOrDefault(e[2], e[2]), e[3])).toList());
    }

    private static final String SELECT = "select o.id, c.name customer_name, o.campus_code, o.team_id, o.owner_user, "
            + "o.channel, o.product_line, o.status, o.stage, o.process_instance_id";

    private record Row(long id, String customerName, String campus, String team, String owner, String channel,
            String productLine, String status, String stage, OffsetDateTime reachedAt, String processInstanceId) {
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getLong("id"), rs.getString("customer_name"), rs.getString("campus_code"),
                rs.getString("team_id"), rs.getString("owner_user"), rs.getString("channel"),
                rs.getString("product_line"), rs.getString("status"), rs.getString("stage"),
                rs.getObject("reached", OffsetDateTime.class), rs.getString("process_instance_id"));
    }

    private List<Opportunity> views(List<Row> rows) {
        Set<String> owners = new HashSet<>();
        rows.stream().map(Row::owner).filter(o -> o != null).forEach(owners::add);
        Map<String, String> names = staff.displayNames(owners);
        PlaceNames places = new PlaceNames(campuses, teams);
        return rows.stream().map(r -> new Opportunity(r.id(), r.customerName(), places.campus(r.campus()),
                places.team(r.team()),
                r.owner() == null ? "未分配顾问" : names.getOrDefault(r.owner(), r.owner()),
                Funnels.label(Channel.values(), r.channel(), Channel::label),
                r.productLine() == null ? "未定产品线"
                        : Funnels.label(ProductLine.values(), r.productLine(), ProductLine::label),
                Funnels.label(OpportunityStatus.values(), r.status(), OpportunityStatus::label),
                Funnels.label(FunnelStage.values(), r.stage(), FunnelStage::label),
                r.reachedAt() == null ? null : BusinessTime.shown(r.reachedAt()), r.processInstanceId())).toList();
    }

    private static String eventLabel(String type) {
        return Funnels.label(TimelineEvent.values(), type, TimelineEvent::label);
    }
}
