package com.enrollflow.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.HistoricTaskInstanceQueryImpl;
import org.camunda.bpm.engine.impl.TaskReportImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
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
 * tasks opened before it count under 无组 until they end.
 *
 * <p>The counts are one statement ({@code ScopedTaskGroupReport.xml}, loaded into the engine's MyBatis configuration):
 * the engine's historic task query grouped by candidate group, with the engine's own authorization and tenant
 * fragments and the checks the engine configures for that query. It was one count per group first; at 200 000 open
 * tasks that took 2 s for head office (docs/benchmark.md, Tasklist at scale). Callers who hold {@code READ} on every
 * task, and calls without an authenticated user, get the engine's report unchanged.
 */
@Component
class ScopedTaskGroupReport extends AbstractProcessEnginePlugin {

    static final String MAPPING = "com/enrollflow/identity/ScopedTaskGroupReport.xml";

    static final String STATEMENT = "com.enrollflow.identity.ScopedTaskGroupReport"
            + ".selectScopedOpenTaskCountByCandidateGroup";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, TaskReportManager.class, ScopedTaskReportManager::new);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // parsed as the engine parses its own mappings, so its fragments and database-specific variables apply
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (mybatis.hasStatement(STATEMENT, false)) {
            // a shared session factory (useSharedSqlSessionFactory) has it from the first engine
            return;
        }
        try (InputStream mapping = ScopedTaskGroupReport.class.getClassLoader().getResourceAsStream(MAPPING)) {
            if (mapping == null) {
                throw new IllegalStateException("no " + MAPPING + " on the class path");
            }
            new XMLMapperBuilder(mapping, mybatis, MAPPING, mybatis.getSqlFragments()).parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // MyBatis defers a statement whose engine fragment or result map it cannot find to its first use: a Camunda
        // upgrade that renames one stops the start here instead of failing a manager's Cockpit page
        try {
            mybatis.getMappedStatement(STATEMENT);
        } catch (RuntimeException e) {
            throw new IllegalStateException(MAPPING + " does not fit this Camunda version: " + e.getMessage(), e);
        }
    }

    /** The engine's manager, except for the candidate-group report of a caller who may not read every task. */
    static class ScopedTaskReportManager extends TaskReportManager {

        @Override
        public List<TaskCountByCandidateGroupResult> createTaskCountByCandidateGroupReport(TaskReportImpl query) {
            if (!isAuthorizationEnabled() || getCurrentAuthentication() == null
                    || getAuthorizationManager().isAuthorized(Permissions.READ, Resources.TASK, Authorization.ANY)) {
                return super.createTaskCountByCandidateGroupReport(query);
            }
            // the checks the engine's historic task query gets (HistoricTaskInstanceManager.configureQuery)
            HistoricTaskInstanceQueryImpl scope = new HistoricTaskInstanceQueryImpl();
            getAuthorizationManager().configureHistoricTaskInstanceQuery(scope);
            getTenantManager().configureQuery(scope);
            List<TaskCountByCandidateGroupResult> counts = new ArrayList<>();
            for (Object row : getDbEntityManager().selectList(STATEMENT, scope)) {
                counts.add((TaskCountByCandidateGroupResult) row);
            }
            counts.sort(Comparator.comparing(TaskCountByCandidateGroupResult::getGroupName,
                    Comparator.nullsLast(Comparator.naturalOrder())));
            return counts;
        }
    }
}
