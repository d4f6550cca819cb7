package com.enrollflow.workflow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.enrollflow.common.FieldProblem;
import com.enrollflow.workflow.FormLabels;
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
 * request) is an operator's repair, refused to staff (403). A read-only field (客户意向, 来源渠道, 应收金额 …) is shown,
 * not taken: a submission that changes its value (from the task's variable, or the field's default when none is set)
 * is refused by the field's label (400); the same value, as Tasklist sends it back, passes. A value sent as JSON that
 * is not JSON, or as XML, which no form sends, is refused by its field's label too (stored, it would fail whatever
 * reads it). Our own code (no user
 * logged in to the engine) is not concerned, and the engine's variable API needs a permission no staff role has.
 */
@Component
class FormFieldsOnly extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(FormFieldsOnly.class);
    private static final ObjectMapper JSON = new ObjectMapper();


    static final String NOT_ON_THE_FORM = "表单中没有这些字段，不能提交：";

    static final String READ_ONLY_CHANGED = "只读字段不能修改（如页面已过期，请刷新后重新办理）：";

    static final String READ_ONLY_PROBLEM = "只读字段，提交的值与任务中的不一致";

    static final String UNREADABLE_VALUES = "这些字段的值无法读取：";

    static final String NOT_JSON = "值不是有效的 JSON（表单提交的列表或对象）";

    static final String NO_XML = "表单不接受 XML 值";

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
            Shape form = SubmittedForms.readForm(configuration, s.form(), FormFieldsOnly::shape).orElse(null);
            if (form == null) {
                // no form to check against (the task is gone): the command itself answers
                return;
            }
            Set<String> foreign = new TreeSet<>(s.variables().keySet());
            foreign.removeAll(form.keys());
            if (!foreign.isEmpty()) {
                log.warn("submission by {} refused: variables not on its form {}", user, foreign);
                List<FieldProblem> problems = foreign.stream().map(name -> new FieldProblem(name, "表单中没有此字段"))
                        .toList();
                throw refusal(s, NOT_ON_THE_FORM + String.join("、", foreign), problems);
            }
            Map<String, String> unreadable = unreadable(s);
            if (!unreadable.isEmpty()) {
                log.warn("submission by {} refused: values that cannot be read {}", user, unreadable.keySet());
                List<FieldProblem> problems = new ArrayList<>();
                unreadable.forEach((key, problem) -> problems.add(
                        new FieldProblem(form.labels().getOrDefault(key, key), problem)));
                throw refusal(s, UNREADABLE_VALUES + problems.stream().map(p -> p.field() + "（" + p.message() + "）")
                        .collect(Collectors.joining("、")), problems);
            }
            List<String> changed = changedReadOnly(s, form);
            if (!changed.isEmpty()) {
                log.warn("submission by {} refused: read-only fields changed {}", user, changed);
                List<FieldProblem> problems = changed.stream()
                        .map(key -> new FieldProblem(form.labels().getOrDefault(key, key), READ_ONLY_PROBLEM))
                        .toList();
                throw refusal(s, READ_ONLY_CHANGED + changed.stream().map(k -> form.labels().getOrDefault(k, k))
                        .collect(Collectors.joining("、")), problems);
            }
        }

        /**
         * The fields sent as serialized JSON or XML that the engine could not read back: Tasklist sends a list or an
         * object as JSON, never XML, so only a hand-made request holds them, and stored they would fail every
         * listener and delegate that reads them (a server error for the user, an incident later).
         */
        private Map<String, String> unreadable(SubmittedForms.Submission s) {
            Map<String, String> unreadable = new TreeMap<>();
            if (s.variables() instanceof VariableMap typed) {
                for (String key : typed.keySet()) {
                    String problem = problemOf(typed.getValueTyped(key));
                    if (problem != null) {
                        unreadable.put(key, problem);
                    }
                }
            }
            return unreadable;
        }

        /**
         * The read-only fields whose submitted value is not what the form showed: the variable's value in the task's
         * scope (its default when the variable is not set), or nothing. Tasklist sends a read-only field's value back
         * unchanged (HTML's read-only, not disabled), so only a hand-made request differs.
         */
        private List<String> changedReadOnly(SubmittedForms.Submission s, Shape form) {
            Map<String, Object> sent = new TreeMap<>();
            form.readOnly().forEach((key, fallback) -> {
                if (s.variables().containsKey(key)) {
                    sent.put(key, s.variables() instanceof VariableMap typed ? typed.getValueTyped(key)
                            : s.variables().get(key));
                }
            });
            if (sent.isEmpty()) {
                return List.of();
            }
            Map<String, Object> shown = s.taskId() == null ? Map.of() : shownValues(s.taskId(), sent.keySet());
            List<String> changed = new ArrayList<>();
            sent.forEach((key, value) -> {
                Object current = shown.get(key) != null ? shown.get(key) : form.readOnly().get(key);
                if (!same(plain(value), current)) {
                    changed.add(key);
                }
            });
            return changed;
        }

        /** The task's variables as the form showed them, read without the user's authorization. */
        private Map<String, Object> shownValues(String taskId, Set<String> names) {
            try {
                return configuration.getCommandExecutorTxRequired().execute(context -> context.runWithoutAuthorization(
                        () -> new HashMap<>(new GetTaskVariablesCmd(taskId, names, false, true).execute(context))));
            } catch (RuntimeException e) {
                // the task is gone: the command itself answers
                log.debug("no task variables to compare: {}", e.toString());
                return Map.of();
            }
        }
    }

    private static RuntimeException refusal(SubmittedForms.Submission s, String reason, List<FieldProblem> problems) {
        String message = InputRefusal.PREFIX + reason;
        InputRefusal refusal = InputRefusal.of(problems);
        return s.formValidation() ? new FormRefusals.Refused(message, problems, refusal)
                : InputRefusal.because(message);
    }

    /** What is wrong with a submitted value the engine keeps serialized, or null. */
    static String problemOf(TypedValue value) {
        if (!(value instanceof SerializableValue serialized) || serialized.isDeserialized()
                || serialized.getValueSerialized() == null) {
            return null;
        }
        String type = value.getType() == null ? "" : value.getType().getName();
        if ("xml".equals(type) || "application/xml".equals(serialized.getSerializationDataFormat())) {
            return NO_XML;
        }
        if ("json".equals(type) || "application/json".equals(serialized.getSerializationDataFormat())) {
            try {
                JsonNode node = JSON.readTree(serialized.getValueSerialized());
                return node == null || node.isMissingNode() ? NOT_JSON : null;
            } catch (IOException e) {
                return NOT_JSON;
            }
        }
        return null;
    }

    /** A submitted value as a plain value: REST's typed value is unwrapped by the engine already; a TypedValue here. */
    private static Object plain(Object value) {
        if (value instanceof SerializableValue serialized && !serialized.isDeserialized()) {
            // a serialized object or JSON sent by hand: its text, never deserialized here
            return serialized.getValueSerialized();
        }
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    /**
     * Equal as the form shows them: nothing and an empty text alike, numbers by value, anything else by its text with
     * its white space as a text field shows it.
     */
    static boolean same(Object sent, Object shown) {
        boolean sentNothing = sent == null || sent instanceof String text && text.isEmpty();
        boolean shownNothing = shown == null || shown instanceof String text && text.isEmpty();
        if (sentNothing || shownNothing) {
            return sentNothing && shownNothing;
        }
        if (sent instanceof Number || shown instanceof Number) {
            // a number shown in a text field comes back as its text ("3000" for 3000.0)
            BigDecimal a = number(sent);
            BigDecimal b = number(shown);
            if (a != null && b != null) {
                return a.compareTo(b) == 0;
            }
        }
        // a text field shows a text's line breaks and tabs as spaces, and sends it back so (a 退回原因 typed in a
        // textarea, shown read-only in a text field): the same words, however spaced, are the same value
        return WHITE_SPACE.matcher(String.valueOf(sent)).replaceAll(" ").strip()
                .equals(WHITE_SPACE.matcher(String.valueOf(shown)).replaceAll(" ").strip());
    }

    private static final java.util.regex.Pattern WHITE_SPACE = java.util.regex.Pattern.compile("\\s+");

    private static BigDecimal number(Object value) {
        try {
            return new BigDecimal(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What a submission is held to: the keys the form declares, its read-only fields (with their defaults), labels. */
    record Shape(Set<String> keys, Map<String, Object> readOnly, Map<String, String> labels) {
    }

    private static Shape shape(InputStream json) throws IOException {
        Shape shape = new Shape(new HashSet<>(), new HashMap<>(), new HashMap<>());
        collect(JSON.readTree(json).path("components"), shape);
        return shape;
    }

    /**
     * The keys the form declares (a list's path too), and which of them are read-only or disabled (literally, not by
     * FEEL).
     */
    private static void collect(JsonNode components, Shape shape) {
        for (JsonNode c : components) {
            for (String binding : List.of("key", "path")) {
                String value = c.path(binding).asText(null);
                if (value != null && !value.isBlank()) {
                    // a nested key (a.b) is stored under its first part
                    shape.keys().add(value.split("\\.", 2)[0]);
                }
            }
            String key = c.path("key").asText(null);
            // disabled: shown, never sent by Tasklist (form-js leaves it out), so only a hand-made request sends it
            boolean shownOnly = c.path("readonly").isBoolean() && c.path("readonly").asBoolean(false)
                    || c.path("disabled").isBoolean() && c.path("disabled").asBoolean(false);
            String label = c.hasNonNull("label") ? FormLabels.shown(c.get("label").asText()) : null;
            if (key != null && label != null) {
                shape.labels().put(key, label);
            }
            if (key != null && !key.contains(".") && shownOnly) {
                JsonNode fallback = c.path("defaultValue");
                shape.readOnly().put(key, fallback.isMissingNode() || fallback.isNull() ? null
                        : fallback.isNumber() ? fallback.numberValue() : fallback.asText());
            }
            collect(c.path("components"), shape);
        }
    }
}
