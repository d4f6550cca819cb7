package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.complaint.ComplaintCategory;
import com.enrollflow.reference.BusinessTime;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Scope;

/**
 * 服务水平报表 computed on every call from the complaints (their dues, first responses and resolutions) and the engine's
 * open tasks, never stored. Medians need every value, so the period's complaints are read once and counted here; a
 * campus has a few hundred complaints a year at most.
 */
@Service
public class ServiceLevels {

    private static final BigDecimal HOUR_SECONDS = BigDecimal.valueOf(3600);

    /** How many late tasks one click-through lists (the total is given beside), and its Excel file at most. */
    static final int LISTED = 200;
    static final int EXPORTED = 2000;

    private final JdbcClient jdbc;
    private final CampusRepository campuses;
    private final TaskBacklog tasks;
    private final StaffDirectory staff;
    private final Clock clock;

    ServiceLevels(JdbcClient jdbc, CampusRepository campuses, TaskBacklog tasks, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.campuses = campuses;
        this.tasks = tasks;
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * The late tasks behind one count of 超时未办任务 (穿透): of a campus the caller sees and a role ({@code group}: its
     * id or Chinese name, or 个人任务 for tasks of one person), most overdue first.
     */
    public ServiceLevelReport.OverdueTaskList overdueTasks(Scope scope, String campusCode, String groupGiven) {
        return overdueTasks(scope, campusCode, groupGiven, LISTED);
    }

    /** The same for its Excel file: up to {@value #EXPORTED} tasks. */
    public ServiceLevelReport.OverdueTaskList overdueTasksExported(Scope scope, String campusCode, String groupGiven) {
        return overdueTasks(scope, campusCode, groupGiven, EXPORTED);
    }

    private ServiceLevelReport.OverdueTaskList overdueTasks(Scope scope, String campusCode, String groupGiven,
            int limit) {
        if (campusCode == null) {
            throw new InvalidInputException("campus", "请指定校区");
        }
        String group = group(groupGiven);
        OffsetDateTime now = OffsetDateTime.now(clock);
        TaskBacklog.OverdueList late = tasks.overdueTasks(campusCode, group, now.toInstant(), limit);
        Map<String, String> names = staff.displayNames(late.tasks().stream().map(TaskBacklog.OverdueTask::assignee)
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        List<ServiceLevelReport.LateTask> rows = late.tasks().stream().map(t -> new ServiceLevelReport.LateTask(
                t.taskId(), t.name(), t.assignee() == null ? "待领取" : names.get(t.assignee()),
                BusinessTime.shown(t.due().atOffset(java.time.ZoneOffset.UTC)),
                SalesProcess.shown(Duration.between(t.due(), now.toInstant())),
                t.businessKey(), "#/?task=" + t.taskId(),
                t.processInstanceId() == null ? null : "#/process-instance/" + t.processInstanceId() + "/runtime"))
                .toList();
        String campusName = campuses.findActive(campusCode).map(Campus::name).orElse(campusCode);
        return new ServiceLevelReport.OverdueTaskList(campusCode, campusName, group,
                group == null ? "个人任务" : tasks.groupLabel(group), late.total(), rows);
    }

    /** A role's group id from its id or Chinese name; null for 个人任务; 400 naming the field otherwise. */
    private String group(String given) {
        String g = given == null ? "" : given.strip();
        if (g.isEmpty()) {
            throw new InvalidInputException("group", "请指定角色（如 客服、教务）或 个人任务");
        }
        if (g.equals("个人任务") || g.equalsIgnoreCase("personal")) {
            return null;
        }
        return tasks.roleGroup(g).orElseThrow(() -> new InvalidInputException("group",
                "没有这个角色：“" + InputRules.abbreviate(g) + "”"));
    }

    /** One complaint's times, as the figures need them. */
    record Facts(String campusCode, String category, String handlerGroup, boolean open, OffsetDateTime createdAt,
            OffsetDateTime responseDue, OffsetDateTime resolutionDue, OffsetDateTime respondedAt,
            OffsetDateTime resolvedAt) {
    }

    /** Complaints filed from {@code from} to {@code to} (Beijing days, both included; null = open). */
    @Transactional(readOnly = true)
    public ServiceLevelReport report(Scope scope, String campusCode, LocalDate from, LocalDate to) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Facts> facts = load(scope, campusCode, from, to);
        List<Campus> shown = campuses.findActive().stream()
                .filter(c -> scope.seesCampus(c.code()) && (campusCode == null || campusCode.equals(c.code())))
                .sorted(Comparator.comparing(Campus::code)).toList();
        List<ServiceLevelReport.Row> perCampus = new ArrayList<>();
        List<ServiceLevelReport.Row> perCategory = new ArrayList<>();
        List<ServiceLevelReport.Row> perGroup = new ArrayList<>();
        for (Campus campus : shown) {
            List<Facts> ofCampus = facts.stream().filter(f -> f.campusCode().equals(campus.code())).toList();
            perCampus.add(new ServiceLevelReport.Row(campus.code(), campus.name(), null, null, null, null,
                    figures(ofCampus, now)));
            for (ComplaintCategory category : ComplaintCategory.values()) {
                perCategory.add(new ServiceLevelReport.Row(campus.code(), campus.name(), category.name(),
                        category.label(), null, null, figures(ofCampus.stream()
                                .filter(f -> f.category().equals(category.name())).toList(), now)));
            }
            Map<String, List<Facts>> byGroup = ofCampus.stream().collect(Collectors.groupingBy(Facts::handlerGroup,
                    java.util.TreeMap::new, Collectors.toList()));
            byGroup.forEach((group, list) -> perGroup.add(new ServiceLevelReport.Row(campus.code(), campus.name(),
                    null, null, group, tasks.groupLabel(group), figures(list, now))));
        }
        Map<String, String> names = shown.stream().collect(Collectors.toMap(Campus::code, Campus::name,
                (a, b) -> a, LinkedHashMap::new));
        List<ServiceLevelReport.OverdueTasks> overdue = tasks.overdue(names.keySet(), now.toInstant()).stream()
                .sorted(Comparator.comparing(TaskBacklog.Overdue::campusCode).thenComparing(
                        TaskBacklog.Overdue::candidateGroup, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(o -> new ServiceLevelReport.OverdueTasks(o.campusCode(), names.get(o.campusCode()),
                        o.candidateGroup(), o.candidateGroup() == null ? "个人任务" : tasks.groupLabel(o.candidateGroup()),
                        o.count()))
                .toList();
        return new ServiceLevelReport(now, from, to, campusCode, perCampus, perCategory, perGroup,
                figures(facts.stream().filter(f -> names.containsKey(f.campusCode())).toList(), now), overdue);
    }

    private List<Facts> load(Scope scope, String campusCode, LocalDate from, LocalDate to) {
        StringBuilder sql = new StringBuilder("select campus_code, category, handler_group, status, created_at, "
                + "response_due, resolution_due, responded_at, resolved_at from complaint c where ")
                .append(scope.campusCondition("c.campus_code"));
        if (campusCode != null) {
            sql.append(" and c.campus_code = :campus");
        }
        if (from != null) {
            sql.append(" and c.created_at >= :from");
        }
        if (to != null) {
            sql.append(" and c.created_at < :to");
        }
        JdbcClient.StatementSpec statement = scope.bind(jdbc.sql(sql.toString()));
        if (campusCode != null) {
            statement = statement.param("campus", campusCode);
        }
        if (from != null) {
            statement = statement.param("from", from.atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
        }
        if (to != null) {
            statement = statement.param("to", to.plusDays(1).atStartOfDay(BusinessTime.ZONE).toOffsetDateTime());
        }
        return statement.query((rs, n) -> new Facts(rs.getString(1), rs.getString(2), rs.getString(3),
                "OPEN".equals(rs.getString(4)), rs.getObject(5, OffsetDateTime.class),
                rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class),
                rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class))).list();
    }

    /** The figures of a set of complaints at {@code now}; see {@link ServiceLevelReport.Figures}. */
    static ServiceLevelReport.Figures figures(List<Facts> facts, OffsetDateTime now) {
        int respondedOnTime = 0;
        int responseDecided = 0;
        int resolvedOnTime = 0;
        int resolutionDecided = 0;
        int openOverdue = 0;
        List<Duration> responseTimes = new ArrayList<>();
        List<Duration> resolutionTimes = new ArrayList<>();
        for (Facts f : facts) {
            if (f.respondedAt() != null) {
                responseDecided++;
                responseTimes.add(Duration.between(f.createdAt(), f.respondedAt()));
                if (!f.respondedAt().isAfter(f.responseDue())) {
                    respondedOnTime++;
                }
            } else if (f.responseDue().isBefore(now)) {
                responseDecided++;
            }
            if (f.resolvedAt() != null) {
                resolutionDecided++;
                resolutionTimes.add(Duration.between(f.createdAt(), f.resolvedAt()));
                if (!f.resolvedAt().isAfter(f.resolutionDue())) {
                    resolvedOnTime++;
                }
            } else if (f.resolutionDue().isBefore(now)) {
                resolutionDecided++;
            }
            if (f.open() && (f.respondedAt() == null && f.responseDue().isBefore(now)
                    || f.resolutionDue().isBefore(now))) {
                openOverdue++;
            }
        }
        return new ServiceLevelReport.Figures(facts.size(), respondedOnTime, responseDecided,
                FunnelReport.percent(respondedOnTime, responseDecided), resolvedOnTime, resolutionDecided,
                FunnelReport.percent(resolvedOnTime, resolutionDecided), median(responseTimes),
                average(responseTimes), median(resolutionTimes), average(resolutionTimes), openOverdue);
    }

    private static BigDecimal median(List<Duration> times) {
        if (times.isEmpty()) {
            return null;
        }
        List<Long> seconds = times.stream().map(Duration::getSeconds).sorted().toList();
        int mid = seconds.size() / 2;
        BigDecimal s = seconds.size() % 2 == 1 ? BigDecimal.valueOf(seconds.get(mid))
                : BigDecimal.valueOf(seconds.get(mid - 1) + seconds.get(mid)).divide(BigDecimal.valueOf(2));
        return s.divide(HOUR_SECONDS, 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal average(List<Duration> times) {
        if (times.isEmpty()) {
            return null;
        }
        long total = times.stream().mapToLong(Duration::getSeconds).sum();
        return BigDecimal.valueOf(total).divide(HOUR_SECONDS.multiply(BigDecimal.valueOf(times.size())), 1,
                RoundingMode.HALF_UP);
    }
}
