package com.enrollflow.workflow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
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
 * (400, naming them); nothing is stored. A start of a process through REST {@code /start} is held to its start form
 * the same way, and a start past the start form (REST {@code startInstructions}, which also skip listeners on
 * request) is an operator's repair, refused to staff (403). Our own code (no user logged in to the engine) is not
 * concerned, and the engine's variable API needs a permission no staff role has.
 */
@Component
class FormFieldsOnly extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(FormFieldsOnly.class);
    private static final ObjectMapper JSON = new ObjectMapper();


    static final String NOT_ON_THE_FORM = "表单中没有这些字段，不能提交：";

    static final String ONLY_FROM_THE_START_FORM = "只能通过开始表单发起流程：从流程中间开始是管理员的修复操作";

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
                if (command instanceof StartProcessInstanceAtActivitiesCmd && (user.getGroupIds() == null
                        || !user.getGroupIds().contains(Groups.CAMUNDA_ADMIN))) {
                    log.warn("start past the start form by {} refused", user.getUserId());
                    throw new AuthorizationException(ONLY_FROM_THE_START_FORM);
                }
                SubmittedForms.Submission s = SubmittedForms.of(command);
                if (s != null && s.variables() != null && !s.variables().isEmpty()) {
                    refuseFieldsNotOnTheForm(s, user.getUserId());
                }
            }
            return next.execute(command);
        }

        private void refuseFieldsNotOnTheForm(SubmittedForms.Submission s, String user) {
            Set<String> declared = SubmittedForms.readForm(configuration, s.form(), FormFieldsOnly::keys).orElse(null);
            if (declared == null) {
                // no form to check against (the task is gone): the command itself answers
                return;
            }
            Set<String> foreign = new TreeSet<>(s.variables().keySet());
            foreign.removeAll(declared);
            if (!foreign.isEmpty()) {
                log.warn("submission by {} refused: variables not on its form {}", user, foreign);
                List<FieldProblem> problems = foreign.stream().map(name -> new FieldProblem(name, "表单中没有此字段"))
                        .toList();
                String message = InputRefusal.PREFIX + NOT_ON_THE_FORM + String.join("、", foreign);
                InputRefusal refusal = InputRefusal.of(problems);
                throw s.formValidation() ? new FormRefusals.Refused(message, problems, refusal)
                        : InputRefusal.because(message);
            }
        }
    }

    /** The keys the form declares (a list's path too). */
    private static Set<String> keys(InputStream json) throws IOException {
        Set<String> keys = new HashSet<>();
        collect(JSON.readTree(json).path("components"), keys);
        return keys;
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
}
