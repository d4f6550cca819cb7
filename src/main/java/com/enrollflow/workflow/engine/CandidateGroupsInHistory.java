package com.enrollflow.workflow.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelAudit;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * The history level {@code audit}, plus the candidate groups of the tasks (which group a task was offered to):
 * {@code ACT_HI_IDENTITYLINK} rows of type {@code candidate} with a group, one when the group is added and one when it
 * is taken off a running task. Completing a task writes none (the engine removes its links without an event), so a
 * task offered to one group leaves one row.
 *
 * <p>Cockpit's 人工任务 page counts the open tasks by type from the history: 已分配给一个或多个组 asks for the unfinished
 * tasks with a candidate group. At the engine's {@code audit} level no identity link is recorded, so that row read 0
 * and every group task counted under 未分配 — for the administrator as for every manager (decision 393). Level
 * {@code full} would record them, and with them every variable change and form field (decision 13).
 *
 * <p>This level has the id and the name of {@code audit}: the database's history level stays 2, so nodes with and
 * without it run side by side in a rolling upgrade (an older node only records no candidate groups), and an operator
 * who sets another level ({@code full}, {@code activity}) gets that one. Assignee and owner changes are not recorded,
 * as at {@code audit}. The rows carry the instance's removal time and go with it, as the other history rows do.
 */
@Component
class CandidateGroupsInHistory extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<HistoryLevel> levels = configuration.getCustomHistoryLevels() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomHistoryLevels());
        // the engine takes the last level whose name is the configured one, and adds custom levels after its own
        levels.add(new AuditWithCandidateGroups());
        configuration.setCustomHistoryLevels(levels);
    }

    /** {@code audit} (id 2), which also records the adding and removing of a task's candidate group. */
    static class AuditWithCandidateGroups extends HistoryLevelAudit {

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            return super.isHistoryEventProduced(eventType, entity) || isCandidateGroupEvent(eventType, entity);
        }

        static boolean isCandidateGroupEvent(HistoryEventType eventType, Object entity) {
            return (eventType == HistoryEventTypes.IDENTITY_LINK_ADD
                    || eventType == HistoryEventTypes.IDENTITY_LINK_DELETE)
                    && entity instanceof IdentityLink link && IdentityLinkType.CANDIDATE.equals(link.getType())
                    && link.getGroupId() != null;
        }
    }
}
