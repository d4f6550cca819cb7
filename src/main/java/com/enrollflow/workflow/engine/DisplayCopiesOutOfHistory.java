package com.enrollflow.workflow.engine;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's history at level {@code audit}, except the variables that only show a task what our own tables
 * already hold: the customer's name and phone number that {@link TaskCards} puts on every task (客户, 电话) and
 * {@code enrollment}'s load step puts on the instance for its call activities, and the family's intent and test on
 * the consultant's and the teacher's tasks (客户意向, 学员情况, 学员情况与入学测试: decisions 556, 559 and 560). They are
 * read-only on every form, our tables are their source, and keeping them in {@code ACT_HI_VARINST} would only copy
 * personal data into the history for a year: every user task wrote two such rows, and a new lead five of its 53
 * (docs/decisions.md, 367).
 * Every other variable, and everything a user enters on a form, is recorded as before.
 *
 * <p>The history level stays {@code audit} (the database's history level is unchanged, so nodes with and without this
 * handler run side by side in a rolling upgrade); the engine's own history handler is replaced by one that drops the
 * create, update, delete and migrate events of those variables only. The engine tolerates a historic variable row
 * that is absent on update (it inserts it) and on delete (nothing to do), so a mixed cluster stays consistent.
 */
@Component
class DisplayCopiesOutOfHistory extends AbstractProcessEnginePlugin {

    private final Set<String> unrecorded;

    /** The default when no configuration names them (application.yaml does). */
    private static final String COPIES = "customerName,phoneDisplay,intentSummary,studentSummary,planBasis";

    DisplayCopiesOutOfHistory(
            @Value("${enrollflow.history.unrecorded-variables:" + COPIES + "}") List<String> unrecorded) {
        this.unrecorded = Set.copyOf(unrecorded.stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (unrecorded.isEmpty()) {
            return;
        }
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.getCustomHistoryEventHandlers().add(new DbHistoryEventHandler() {
            @Override
            public void handleEvent(HistoryEvent event) {
                if (!(event instanceof HistoricVariableUpdateEventEntity variable)
                        || !unrecorded.contains(variable.getVariableName())) {
                    super.handleEvent(event);
                }
            }
        });
    }
}
