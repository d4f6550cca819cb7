package com.enrollflow.workflow.engine;

import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import com.enrollflow.privacy.ProcessRecords;

/**
 * The engine side of erasing a customer: every instance of the customer's opportunities (business key = opportunity
 * id; enrollment, the processes it calls, installment reminders) is cancelled if running and its history deleted
 * through the engine's API, in the caller's transaction.
 */
@Component
class CamundaProcessRecords implements ProcessRecords {

    private final RuntimeService runtime;
    private final HistoryService history;
    private final ProcessEngineConfigurationImpl engine;

    CamundaProcessRecords(RuntimeService runtime, HistoryService history, ProcessEngineConfigurationImpl engine) {
        this.runtime = runtime;
        this.history = history;
        this.engine = engine;
    }

    /** Root instances only: cancelling one cancels the processes it called (skipSubprocesses = false). */
    @Override
    public int cancelRunning(List<String> businessKeys, String reason) {
        List<String> roots = businessKeys.stream()
                .flatMap(key -> runtime.createProcessInstanceQuery().processInstanceBusinessKey(key)
                        .rootProcessInstances().list().stream())
                .map(ProcessInstance::getId).toList();
        if (!roots.isEmpty()) {
            // no listeners: they would act on the opportunity (close it, mail someone) as if the process went on
            retryable(() -> {
                runtime.deleteProcessInstancesIfExists(roots, reason, true, true, false);
                return null;
            });
        }
        return roots.size();
    }

    /**
     * Historic process instances cascade to their variables (ACT_HI_VARINST and their byte arrays), variable
     * updates (ACT_HI_DETAIL), activities, tasks with their comments and identity links, decisions, incidents and
     * job logs: the engine's own deletion of historic process instances, without the check that they have ended.
     * That check ({@code HistoryService#deleteHistoricProcessInstances}) reads the database; inside the retention
     * job the engine reuses the job's command context, so an instance cancelled a moment ago in the same
     * transaction still reads as running there, and the public call refuses it. The engine's cascading delete of a
     * process definition does the same: cancel the instances, then delete their history, in one command.
     */
    @Override
    public int deleteHistory(List<String> businessKeys) {
        return delete(businessKeys, false);
    }

    @Override
    public int deleteFinishedHistory(List<String> businessKeys) {
        return delete(businessKeys, true);
    }

    private int delete(List<String> businessKeys, boolean finishedOnly) {
        if (businessKeys.isEmpty()) {
            return 0;
        }
        var query = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKeyIn(businessKeys.toArray(String[]::new));
        List<String> ids = (finishedOnly ? query.finished() : query).list().stream()
                .map(HistoricProcessInstance::getId).toList();
        if (!ids.isEmpty()) {
            retryable(() -> engine.getCommandExecutorTxRequired().execute(commandContext -> {
                commandContext.getHistoricProcessInstanceManager().deleteHistoricProcessInstanceByIds(ids);
                return null;
            }));
        }
        return ids.size();
    }

    /** The engine's optimistic-locking conflict as Spring's, so the erasure runs again as a whole. */
    private static <T> T retryable(Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (OptimisticLockingException e) {
            throw new OptimisticLockingFailureException("process instance changed concurrently", e);
        }
    }
}
