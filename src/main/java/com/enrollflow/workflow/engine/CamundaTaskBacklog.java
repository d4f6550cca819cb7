package com.enrollflow.workflow.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
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
    private final SystemLookups system;

    CamundaTaskBacklog(TaskService taskService, SystemLookups system) {
        this.taskService = taskService;
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

    private TaskQuery query(String campus, Date before) {
        return taskService.createTaskQuery().tenantIdIn(Campus.tenantId(campus)).active().dueBefore(before);
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
