package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Spares every authorized command a scan of the whole authorization table (docs/benchmark.md, Tasklist at scale).
 *
 * <p>Before each authorization check the engine narrows the user's groups to those that appear in some authorization
 * row, with {@code SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION} — once per command, and a Tasklist page is
 * eight commands. The table holds a row per open task and candidate group or assignee (the TASK_WORK default
 * permission), so at 200 000 open tasks that statement read 204 000 rows, 40–90 ms each time: most of a consultant's
 * 我的任务 page. Narrowing only shortens the {@code GROUP_ID_ IN (…)} lists of the checks; a group without any
 * authorization row matches none of them. Our staff hold one to three groups, so they are passed on unchanged, and the
 * answers are the same. Users with more than {@value #MAX_UNFILTERED_GROUPS} groups keep the engine's narrowing.
 * (CIB seven and Operaton offer the same as an opt-in setting, {@code authGroupFilterThreshold}; Camunda 7.24 CE has
 * none.)
 */
@Component
class AuthorizationGroupShortcut extends AbstractProcessEnginePlugin {

    static final int MAX_UNFILTERED_GROUPS = 20;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, AuthorizationManager.class, ShortcutAuthorizationManager::new);
    }

    /** The engine's manager, except that a short group list is not narrowed by a table scan. */
    static class ShortcutAuthorizationManager extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds != null && !authenticatedGroupIds.isEmpty()
                    && authenticatedGroupIds.size() <= MAX_UNFILTERED_GROUPS) {
                return new ArrayList<>(authenticatedGroupIds);
            }
            return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
        }
    }
}
