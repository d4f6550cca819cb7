package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.TaskReportImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskCountByCandidateGroupResultEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskReportManager;
import org.camunda.bpm.engine.task.TaskCountByCandidateGroupResult;
import org.springframework.stereotype.Component;

/**
 * Cockpit's 人工任务 page for the staff who open Cockpit (supervisors, directors, marketing, head office): its panel
 * 按组分配 counts the unclaimed tasks per candidate group through the engine's task report, which demands {@code READ}
 * on every task ({@code TASK '*'}), a right only the administrator holds. Everybody else got a red error in its place
 * ("does not have 'READ' permission on resource '*' of type 'Task'"). Granting that right would show each of them the
 * whole institution's tasks.
 *
 * <p>For a caller without it, the report now counts what the panel 按类型分配 beside it counts: the open tasks of the
 * history the caller may read (their campuses, and the process history their role may read, as in Cockpit's
 * instance views), unclaimed, per candidate group, and under 无组 those without one; groups with none are left out,
 * as the engine's report leaves them out. Both panels then agree: the groups' counts add up to that panel's
 * 已分配给一个或多个组 when each task has one group. The candidate groups are in the history since decision 393, so
 * tasks opened before it count under 无组 until they end. Each count is the engine's own history query, with its
 * authorization and tenant checks. Callers who hold {@code READ} on every task, and calls without an authenticated
 * user, get the engine's report unchanged.
 */
@Component
class ScopedTaskGroupReport extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, TaskReportManager.class, ScopedTaskReportManager::new);
    }

    /** The engine's manager, except for the candidate-group report of a caller who may not read every task. */
    static class ScopedTaskReportManager extends TaskReportManager {

        @Override
        public List<TaskCountByCandidateGroupResult> createTaskCountByCandidateGroupReport(TaskReportImpl query) {
            if (!isAuthorizationEnabled() || getCurrentAuthentication() == null
                    || getAuthorizationManager().isAuthorized(Permissions.READ, Resources.TASK, Authorization.ANY)) {
                return super.createTaskCountByCandidateGroupReport(query);
            }
            CommandContext context = getCommandContext();
            List<TaskCountByCandidateGroupResult> counts = new ArrayList<>();
            for (String group : groupIds(context)) {
                HistoricTaskInstanceQueryImpl ofGroup = openUnclaimed();
                ofGroup.taskHadCandidateGroup(group);
                add(counts, group, ofGroup.executeCount(context));
            }
            counts.sort(Comparator.comparing(TaskCountByCandidateGroupResult::getGroupName));
            HistoricTaskInstanceQueryImpl withoutGroup = openUnclaimed();
            withoutGroup.withoutCandidateGroups();
            add(counts, null, withoutGroup.executeCount(context));
            return counts;
        }

        /** The open, unclaimed tasks, as 按类型分配 asks the history for them. */
        private static HistoricTaskInstanceQueryImpl openUnclaimed() {
            HistoricTaskInstanceQueryImpl query = new HistoricTaskInstanceQueryImpl();
            query.unfinished().taskUnassigned();
            return query;
        }

        /** Every group's id: the list itself is no secret (the caller's counts are), so it is read without checks. */
        private static List<String> groupIds(CommandContext context) {
            context.disableAuthorizationCheck();
            try {
                return context.getReadOnlyIdentityProvider().createGroupQuery(context).list().stream()
                        .map(Group::getId).toList();
            } finally {
                context.enableAuthorizationCheck();
            }
        }

        private static void add(List<TaskCountByCandidateGroupResult> counts, String group, long count) {
            if (count > 0) {
                TaskCountByCandidateGroupResultEntity result = new TaskCountByCandidateGroupResultEntity();
                result.setGroupName(group);
                result.setTaskCount((int) count);
                counts.add(result);
            }
        }
    }
}
