package com.enrollflow.workflow;

import org.camunda.bpm.engine.delegate.VariableScope;

import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reference.Coded;

/**
 * Server-side check of what a form submitted: the form's own validation is a convenience, this is the
 * guard. A problem aborts the completion (nothing is stored) and Tasklist shows the message, which names
 * the field.
 */
final class TaskInput {

    private final VariableScope scope;
    private final InputRules rules = new InputRules();

    TaskInput(VariableScope scope) {
        this.scope = scope;
    }

    String text(String variable, int maxLength, boolean required) {
        String value = string(variable);
        return required ? rules.required(variable, value, maxLength) : rules.optional(variable, value, maxLength);
    }

    <E extends Enum<E> & Coded> E code(String variable, Class<E> type, boolean required) {
        return rules.code(variable, string(variable), type, required);
    }

    String oneOf(String variable, boolean required, String... allowed) {
        String value = string(variable);
        if (value == null || value.isBlank()) {
            if (required) {
                rules.problem(variable, "必填，可选值：" + String.join(", ", allowed));
            }
            return null;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        rules.problem(variable, "未知的值“" + InputRules.abbreviate(value) + "”，可选值：" + String.join(", ", allowed));
        return null;
    }

    void problem(String variable, String message) {
        rules.problem(variable, message);
    }

    /** Throws when any field is bad; also makes absent optional variables exist (as null) for expressions. */
    void check(String... optionalVariables) {
        try {
            rules.throwIfAny();
        } catch (InvalidInputException e) {
            throw rejected(e);
        }
        for (String name : optionalVariables) {
            if (!scope.hasVariable(name)) {
                scope.setVariable(name, null);
            }
        }
    }

    static InputRefusal rejected(InvalidInputException e) {
        return InputRefusal.of(e);
    }

    private String string(String variable) {
        Object value = scope.getVariable(variable);
        return value == null ? null : value.toString();
    }
}
