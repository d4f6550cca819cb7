package com.enrollflow.workflow.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.SystemLookups;
import com.enrollflow.reference.Campus;
import com.enrollflow.reference.StaffRole;
import com.enrollflow.reporting.TaskBacklog;

/**
 * Overdue tasks for the service-level report: a task carries its campus as the instance's tenant (CampusTenants), its
 * roles as candidate groups and its limit as the due date. One count per campus and role (a claimed task still counts
 * for its group), and one for tasks of a single person; the lists behind them through the engine's task query.
 */
@Component
class CamundaTaskBacklog implements TaskBacklog {

    private static final List<String> ROLES = java.util.Arrays.stream(StaffRole.values()).map(StaffRole::groupId)
            .toList();

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final SystemLookups system;
    private final JdbcClient jdbc;
    private final ProcessEngineConfigurationImpl configuration;

    CamundaTaskBacklog(TaskService taskService, RuntimeService runtimeService, SystemLookups system, JdbcClient jdbc,
            @Lazy ProcessEngineConfigurationImpl configuration) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.system = system;
        this.jdbc = jdbc;
        this.configuration = configuration;
    }

    /**
     * One grouped statement over the engine's task and identity-link tables instead of a task query per campus and
     * role (服务水平 asked the engine about 15 times per campus: 60–115 ms a month at 1 000 000 opportunities, board
     * benchmark). It keeps the task query's meaning: {@code active()} is SUSPENSION_STATE_ 1, {@code dueBefore} is
     * DUE_DATE_ strictly before, {@code taskCandidateGroup(..).includeAssignedTasks()} is a 'candidate' identity link
     * to the group whoever holds the task; a task with two roles counts for each, one with no staff role among its
     * candidate groups (none, another group, or candidate users only) counts once as a task of one person.
     *
     * <p>Counted without the caller's engine authorizations (the engine's tables check none): the campuses are the
     * caller's scope already, and a director who may read no academic-affairs task still answers for its lateness
     * (the board's webapp session and /api's Basic login would otherwise count differently).
     */
    @Override
    public List<Overdue> overdue(Collection<String> campusCodes, Instant now) {
        if (campusCodes.isEmpty()) {
            return List.of();
        }
        Map<String, String> campusOfTenant = new HashMap<>();
        campusCodes.forEach(c -> campusOfTenant.put(Campus.tenantId(c), c));
        String prefix = Objects.requireNonNullElse(configuration.getDatabaseTablePrefix(), "");
        return jdbc.sql("select t.TENANT_ID_, l.GROUP_ID_, count(distinct t.ID_) from " + prefix + "ACT_RU_TASK t "
                + "left join " + prefix + "ACT_RU_IDENTITYLINK l on l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' "
                + "and l.GROUP_ID_ in (:roles) where t.TENANT_ID_ in (:tenants) and t.SUSPENSION_STATE_ = 1 "
                + "and t.DUE_DATE_ < :before group by t.TENANT_ID_, l.GROUP_ID_")
                .param("roles", ROLES).param("tenants", campusOfTenant.keySet())
                .param("before", Timestamp.from(now))
                .query((rs, n) -> new Overdue(campusOfTenant.get(rs.getString(1)), rs.getString(2), rs.getLong(3)))
                .list();
    }

    @Override
    public OverdueList overdueTasks(String campusCode, String candidateGroup, Instant now, int limit) {
        return system.unrestricted(() -> {
            Date before = Date.from(now);
            if (candidateGroup != null) {
                TaskQuery late = query(campusCode, before).taskCandidateGroup(candidateGroup).includeAssignedTasks();
                return new OverdueList(rows(late.orderByDueDate().asc().listPage(0, limit)), late.count());
            }
            // tasks of one person: the campus's late tasks that no staff role is a candidate for
            java.util.Set<String> ofRoles = new java.util.HashSet<>();
            query(campusCode, before).taskCandidateGroupIn(ROLES).includeAssignedTasks().list()
                    .forEach(t -> ofRoles.add(t.getId()));
            List<Task> personal = query(campusCode, before).orderByDueDate().asc().list().stream()
                    .filter(t -> !ofRoles.contains(t.getId())).toList();
            return new OverdueList(rows(personal.subList(0, Math.min(limit, personal.size()))), personal.size());
        });
    }

    /** The tasks with their instances' business keys, looked up in one query. */
    private List<OverdueTask> rows(List<Task> tasks) {
        java.util.Set<String> instances = new java.util.HashSet<>();
        tasks.forEach(t -> {
            if (t.getProcessInstanceId() != null) {
                instances.add(t.getProcessInstanceId());
            }
        });
        java.util.Map<String, String> keys = new java.util.HashMap<>();
        if (!instances.isEmpty()) {
            runtimeService.createProcessInstanceQuery().processInstanceIds(instances).list()
                    .forEach(p -> keys.put(p.getId(), p.getBusinessKey()));
        }
        return tasks.stream().map(t -> new OverdueTask(t.getId(), t.getName(), t.getAssignee(),
                t.getDueDate().toInstant(), t.getProcessInstanceId(), keys.get(t.getProcessInstanceId()))).toList();
    }

    private TaskQuery query(String campus, Date before) {
        return taskService.createTaskQuery().tenantIdIn(Campus.tenantId(campus)).active().dueBefore(before);
    }

    @Override
    public java.util.Optional<String> roleGroup(String idOrLabel) {
        return java.util.Arrays.stream(StaffRole.values())
                .filter(r -> r.groupId().equals(idOrLabel) || r.label().equals(idOrLabel))
                .map(StaffRole::groupId).findFirst();
    }

    @Override
    public String groupLabel(String groupId) {
        return StaffRole.labelOf(groupId);
    }
}
