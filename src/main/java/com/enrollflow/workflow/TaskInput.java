package com.enrollflow.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;

import com.enrollflow.common.Coded;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.Campuses;

/**
 * Server-side check of what a form submitted: the form's own validation is a convenience, this is the
 * guard. A problem aborts the completion (nothing is stored) and Tasklist shows the message, which names
 * the field.
 */
public final class TaskInput {

    private final VariableScope scope;
    private final InputRules rules = new InputRules();
    private final Map<String, InputRefusal.Choices> choices = new HashMap<>();

    public TaskInput(VariableScope scope) {
        this.scope = scope;
    }

    public String text(String variable, int maxLength, boolean required) {
        String value = string(variable);
        return required ? rules.required(variable, value, maxLength) : rules.optional(variable, value, maxLength);
    }

    /**
     * A code, its label or a variant (an engine REST client may send 初二 where the form sends J2); the variable is
     * rewritten to the code, because gateways, DMN tables and later steps compare codes.
     */
    public <E extends Enum<E> & Coded> E code(String variable, Class<E> type, boolean required) {
        String given = string(variable);
        E value = rules.code(variable, given, type, required);
        if (value != null && !value.name().equals(given)) {
            scope.setVariable(variable, value.name());
        }
        return value;
    }

    /** The code of the campus named by its code or its name (北京海淀校区, 海淀); the variable is rewritten to the code. */
    public String campus(String variable, Campuses campuses, boolean required) {
        String given = string(variable);
        String code = campuses.code(rules::problem, variable, given, required);
        if (code != null && !code.equals(given)) {
            scope.setVariable(variable, code);
        }
        return code;
    }

    /**
     * One of a form's choices (a radio or select, e.g. contactResult: REACHED …), given as its code or, by an engine
     * REST client, as the label the task's form shows for it (已联系上，信息正确); the variable is rewritten to the code.
     * A refusal lists the codes; one that reaches staff through {@code FormRefusals} lists them by the form's labels.
     */
    public String oneOf(String variable, boolean required, String... allowed) {
        String value = string(variable);
        if (value == null || value.isBlank()) {
            if (required) {
                choiceProblem(variable, "必填", allowed);
            }
            return null;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        String labelled = scope instanceof DelegateTask task ? FormLabels.of(task).code(variable, value) : null;
        if (labelled != null && List.of(allowed).contains(labelled)) {
            scope.setVariable(variable, labelled);
            return labelled;
        }
        choiceProblem(variable, "未知的值“" + InputRules.abbreviate(value) + "”", allowed);
        return null;
    }

    private void choiceProblem(String variable, String problem, String... allowed) {
        InputRefusal.Choices c = new InputRefusal.Choices(problem, List.of(allowed));
        choices.put(variable, c);
        rules.problem(variable, c.message());
    }

    public void problem(String variable, String message) {
        rules.problem(variable, message);
    }

    /** Throws when any field is bad; also makes absent optional variables exist (as null) for expressions. */
    public void check(String... optionalVariables) {
        try {
            rules.throwIfAny();
        } catch (InvalidInputException e) {
            throw InputRefusal.of(e.problems(), choices);
        }
        for (String name : optionalVariables) {
            if (!scope.hasVariable(name)) {
                scope.setVariable(name, null);
            }
        }
    }

    public static InputRefusal rejected(InvalidInputException e) {
        return InputRefusal.of(e);
    }

    private String string(String variable) {
        Object value = scope.getVariable(variable);
        return value == null ? null : value.toString();
    }
}
