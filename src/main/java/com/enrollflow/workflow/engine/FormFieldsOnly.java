package com.enrollflow.workflow.engine;

import static com.enrollflow.workflow.engine.CommandFields.field;
import static com.enrollflow.workflow.engine.CommandFields.read;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractGetDeployedFormCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.workflow.InputRefusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A user submits only the fields of the form they were shown. The engine writes every variable a task's completion
 * (REST {@code complete}, Tasklist's {@code submit-form}, a task's BPMN error or escalation) or a start form carries
 * onto the process instance before any listener runs, and our listeners and delegates read the instance's ids back
 * (orderId, contractId, pendingPaymentId, proposalId, rewardId, complaintId …) to act on them: a front desk of one
 * campus could name another campus's order on its own 收取学费 and void that contract. This interceptor refuses, before
 * the command starts, a submission by a logged-in user with a variable its deployed Camunda Form does not declare
 * (400, naming them); nothing is stored. Our own code (no user logged in to the engine) is not concerned, and the
 * engine's variable API needs a permission no staff role has.
 */
@Component
class FormFieldsOnly extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(FormFieldsOnly.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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

    static final String NOT_ON_THE_FORM = "表单中没有这些字段，不能提交：";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreCommandInterceptorsTxRequired(
                EngineInterceptors.with(configuration.getCustomPreCommandInterceptorsTxRequired(),
                        new Interceptor(configuration)));
    }

    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            Authentication user = configuration.getIdentityService().getCurrentAuthentication();
            if (user != null && user.getUserId() != null && Context.getCommandContext() == null) {
                Submission s = submission(command);
                if (s != null && s.variables() != null && !s.variables().isEmpty()) {
                    refuseFieldsNotOnTheForm(s, user.getUserId());
                }
            }
            return next.execute(command);
        }

        private void refuseFieldsNotOnTheForm(Submission s, String user) {
            Set<String> declared = declared(s.form());
            if (declared == null) {
                // the user cannot read the task or its form (another campus's, or gone): the command refuses them
                return;
            }
            Set<String> foreign = new TreeSet<>(s.variables().keySet());
            foreign.removeAll(declared);
            if (!foreign.isEmpty()) {
                log.warn("submission by {} refused: variables not on its form {}", user, foreign);
                List<FieldProblem> problems = foreign.stream().map(name -> new FieldProblem(name, "表单中没有此字段"))
                        .toList();
                String message = InputRefusal.PREFIX + NOT_ON_THE_FORM + String.join("、", foreign);
                throw new FormRefusals.Refused(message, problems, InputRefusal.of(problems));
            }
        }

        /** The keys the deployed form declares (a list's path too), or null when it has none that can be read. */
        private Set<String> declared(AbstractGetDeployedFormCmd form) {
            try {
                return configuration.getCommandExecutorTxRequired().execute(context -> {
                    try (InputStream json = context.runWithoutAuthorization(form)) {
                        Set<String> keys = new HashSet<>();
                        collect(JSON.readTree(json).path("components"), keys);
                        return keys;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (RuntimeException e) {
                log.debug("no form to check a submission against: {}", e.toString());
                return null;
            }
        }
    }

    private static void collect(JsonNode components, Set<String> keys) {
        for (JsonNode c : components) {
            for (String binding : List.of("key", "path")) {
                String value = c.path(binding).asText(null);
                if (value != null && !value.isBlank()) {
                    // a nested key (a.b) is stored under its first part
                    keys.add(value.split("\\.", 2)[0]);
                }
            }
            collect(c.path("components"), keys);
        }
    }

    private record Submission(AbstractGetDeployedFormCmd form, Map<String, Object> variables) {
    }

    @SuppressWarnings("unchecked")
    private static Submission submission(Command<?> command) {
        if (command instanceof CompleteTaskCmd) {
            return new Submission(new GetDeployedTaskFormCmd((String) read(COMPLETED_TASK, command)),
                    (Map<String, Object>) read(COMPLETED_VARIABLES, command));
        }
        if (command instanceof SubmitTaskFormCmd) {
            return new Submission(new GetDeployedTaskFormCmd((String) read(SUBMITTED_TASK, command)),
                    (Map<String, Object>) read(SUBMITTED_VARIABLES, command));
        }
        if (command instanceof HandleTaskBpmnErrorCmd) {
            return new Submission(new GetDeployedTaskFormCmd((String) read(ERROR_TASK, command)),
                    (Map<String, Object>) read(ERROR_VARIABLES, command));
        }
        if (command instanceof HandleTaskEscalationCmd) {
            return new Submission(new GetDeployedTaskFormCmd((String) read(ESCALATION_TASK, command)),
                    (Map<String, Object>) read(ESCALATION_VARIABLES, command));
        }
        if (command instanceof SubmitStartFormCmd) {
            return new Submission(new GetDeployedStartFormCmd((String) read(STARTED_DEFINITION, command)),
                    (Map<String, Object>) read(STARTED_VARIABLES, command));
        }
        return null;
    }
}
