package com.enrollflow.workflow.engine;

import static com.enrollflow.workflow.engine.CommandFields.field;
import static com.enrollflow.workflow.engine.CommandFields.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine commands by which a user submits a form (a task's completion through REST {@code complete} or
 * Tasklist's {@code submit-form}, a task's BPMN error or escalation, a start form, or the start of a process through
 * REST {@code /start}, the same submission without the form's screen): the Camunda Form the user was shown and the
 * variables sent. {@link FormFieldsOnly} checks the variables against the form's fields,
 * {@link FormRefusals} names a refused field by the form's label.
 */
final class SubmittedForms {

    private static final Logger log = LoggerFactory.getLogger(SubmittedForms.class);

    private static final Field COMPLETED_TASK = field(CompleteTaskCmd.class, "taskId");
    private static final Field COMPLETED_VARIABLES = field(CompleteTaskCmd.class, "variables");
    private static final Field SUBMITTED_TASK = field(SubmitTaskFormCmd.class, "taskId");
    private static final Field SUBMITTED_VARIABLES = field(SubmitTaskFormCmd.class, "properties");
    private static final Field ERROR_TASK = field(HandleTaskBpmnErrorCmd.class, "taskId");
    private static final Field ERROR_VARIABLES = field(HandleTaskBpmnErrorCmd.class, "variables");
    private static final Field ESCALATION_TASK = field(HandleTaskEscalationCmd.class, "taskId");
    private static final Field ESCALATION_VARIABLES = field(HandleTaskEscalationCmd.class, "variables");
    private static final Field STARTED_DEFINITION = field(SubmitStartFormCmd.class, "processDefinitionId");
    private static final Field STARTED_VARIABLES = field(SubmitStartFormCmd.class, "variables");
    private static final Field STARTED = field(StartProcessInstanceCmd.class, "instantiationBuilder");
    private static final Field STARTED_AT_ACTIVITIES = field(StartProcessInstanceAtActivitiesCmd.class,
            "instantiationBuilder");

    private SubmittedForms() {
    }

    /**
     * A form submission: the command that reads its deployed form, the variables sent (null when none), whether
     * the REST API answers the engine's form-validation exception with 400 for it ({@code complete},
     * {@code submit-form} of a task or a start form, {@code /start}); for the others (a delegated task's
     * {@code resolve}, a task's BPMN error or escalation) only a {@code BadUserRequestException} is a 400; and whether
     * it is a start, which counts as a form's only when the process has a start form. The task's id, null for a
     * start.
     */
    record Submission(Command<InputStream> form, String taskId, Map<String, Object> variables,
            boolean formValidation, boolean start) {

        Submission(String taskId, Map<String, Object> variables, boolean formValidation) {
            this(new GetDeployedTaskFormCmd(taskId), taskId, variables, formValidation, false);
        }
    }

    /** What the command submits, or null when it submits no form. */
    @SuppressWarnings("unchecked")
    static Submission of(Command<?> command) {
        if (command instanceof CompleteTaskCmd) {
            // ResolveTaskCmd, a delegated task's resolve, is one too
            return new Submission((String) read(COMPLETED_TASK, command),
                    (Map<String, Object>) read(COMPLETED_VARIABLES, command),
                    command.getClass() == CompleteTaskCmd.class);
        }
        if (command instanceof SubmitTaskFormCmd) {
            return new Submission((String) read(SUBMITTED_TASK, command),
                    (Map<String, Object>) read(SUBMITTED_VARIABLES, command), true);
        }
        if (command instanceof HandleTaskBpmnErrorCmd) {
            return new Submission((String) read(ERROR_TASK, command),
                    (Map<String, Object>) read(ERROR_VARIABLES, command), false);
        }
        if (command instanceof HandleTaskEscalationCmd) {
            return new Submission((String) read(ESCALATION_TASK, command),
                    (Map<String, Object>) read(ESCALATION_VARIABLES, command), false);
        }
        if (command instanceof SubmitStartFormCmd) {
            return new Submission(new GetDeployedStartFormCmd((String) read(STARTED_DEFINITION, command)), null,
                    (Map<String, Object>) read(STARTED_VARIABLES, command), true, false);
        }
        if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
            ProcessInstantiationBuilderImpl start = (ProcessInstantiationBuilderImpl) read(
                    command instanceof StartProcessInstanceCmd ? STARTED : STARTED_AT_ACTIVITIES, command);
            return new Submission(startForm(start), null, start.getModificationBuilder().getProcessVariables(), true,
                    true);
        }
        return null;
    }

    /** The start form of the process a start names by id (REST) or by key (the Java API: its latest version). */
    private static Command<InputStream> startForm(ProcessInstantiationBuilderImpl start) {
        if (start.getProcessDefinitionId() != null) {
            return new GetDeployedStartFormCmd(start.getProcessDefinitionId());
        }
        return context -> {
            var cache = context.getProcessEngineConfiguration().getDeploymentCache();
            ProcessDefinitionEntity latest = start.isProcessDefinitionTenantIdSet()
                    ? cache.findDeployedLatestProcessDefinitionByKeyAndTenantId(start.getProcessDefinitionKey(),
                            start.getProcessDefinitionTenantId())
                    : cache.findDeployedLatestProcessDefinitionByKey(start.getProcessDefinitionKey());
            return new GetDeployedStartFormCmd(latest.getId()).execute(context);
        };
    }

    /** Reads a form's JSON. */
    interface FormReader<T> {
        T read(InputStream json) throws IOException;
    }

    /**
     * The deployed form, read in a command of its own without the user's authorization (its fields and labels are
     * no secret to whoever was shown it), or empty when there is none to read: the task is gone, has no Camunda
     * Form, the process no start form, or the user's command will be refused anyway.
     */
    static <T> Optional<T> readForm(ProcessEngineConfigurationImpl configuration, Command<InputStream> form,
            FormReader<T> reader) {
        try {
            return Optional.of(configuration.getCommandExecutorTxRequired().execute(context -> {
                try (InputStream json = context.runWithoutAuthorization(form)) {
                    return reader.read(json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (RuntimeException e) {
            log.debug("no deployed form to read: {}", e.toString());
            return Optional.empty();
        }
    }
}
