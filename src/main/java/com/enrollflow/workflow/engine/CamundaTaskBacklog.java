package com.enrollflow.workflow.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.StaffRole;
import com.enrollflow.identity.SystemLookups;
import com.enrollflow.reference.Campus;
import com.enrollflow.reporting.TaskBacklog;

/**
 * Overdue tasks for the service-level report, through the engine's task query: a task carries its campus as the
 * instance's tenant (CampusTenants), its roles as candidate groups and its limit as the due date. One count per
 * campus and role (a claimed task still counts for its group), and one for tasks of a single person.
 */
@Component
class CamundaTaskBacklog implements TaskBacklog {

    private static final List<String> ROLES = java.util.Arrays.stream(StaffRole.values()).map(StaffRole::groupId)
            .toList();

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final SystemLookups system;

    CamundaTaskBacklog(TaskService taskService, RuntimeService runtimeService, SystemLookups system) {
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.system = system;
    }

    /**
     * Counted without the caller's engine authorizations: the campuses are the caller's scope already, and a director
     * who may read no academic-affairs task still answers for its lateness (the board's webapp session and /api's Basic
     * login would otherwise count differently).
     */
    @Override
    public List<Overdue> overdue(Collection<String> campusCodes, Instant now) {
        return system.unrestricted(() -> count(campusCodes, now));
    }

    private List<Overdue> count(Collection<String> campusCodes, Instant now) {
        List<Overdue> overdue = new ArrayList<>();
        Date before = Date.from(now);
        for (String campus : campusCodes) {
            for (StaffRole role : StaffRole.values()) {
                long count = query(campus, before).taskCandidateGroup(role.groupId()).includeAssignedTasks().count();
                if (count > 0) {
                    overdue.add(new Overdue(campus, role.groupId(), count));
                }
            }
            // a task of one person: no staff role among its candidate groups (the engine's withoutCandidateGroups
            // leaves out assigned tasks, so it is counted as all the late tasks less those of a role)
            long ofRoles = query(campus, before).taskCandidateGroupIn(ROLES).includeAssignedTasks().count();
            long personal = query(campus, before).count() - ofRoles;
            if (personal > 0) {
                overdue.add(new Overdue(campus, null, personal));
            }
        }
        return overdue;
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
        for (StaffRole role : StaffRole.values()) {
            if (role.groupId().equals(groupId)) {
                return role.label();
            }
        }
        return groupId;
    }
}
