package com.enrollflow.workflow;

import java.util.List;
import java.util.function.Supplier;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;

/**
 * Reading what a Camunda Form submitted, and refusing it as the form speaks: the values as text, a checkbox, and the
 * requests the after-sales start forms (申请退费, 登记停课, 申请转课) hand to their service with the contract as staff
 * typed it.
 */
public final class FormValues {

    private FormValues() {
    }

    /** A form value as text (null stays null). */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * A checkbox: true or false (an engine REST client may send them as text); anything else is refused by field
     * rather than read as "no", since a family's wish (退学, 退还差价) must not be lost silently.
     */
    public static Boolean flag(String variable, Object value) {
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        String given = value.toString().strip();
        if (given.equalsIgnoreCase("true") || given.equalsIgnoreCase("false")) {
            return Boolean.valueOf(given);
        }
        throw InputRefusal.of(List.of(new FieldProblem(variable, "应为 true（是）或 false（否）")));
    }

    /**
     * A request whose contract the form takes as typed (its number or the family's phone): every refusal that
     * concerns a field names the form's field — the service calls an absent contract "contractId", the API's name, and
     * an unknown or another campus's contract is the one thing such a form can name that is not found — and a refusal
     * of the whole request (409) comes back with its reason.
     */
    public static <T> T contractRequest(String contractField, Supplier<T> request) {
        try {
            return request.get();
        } catch (InvalidInputException e) {
            throw InputRefusal.of(e.problems().stream().map(p -> "contractId".equals(p.field())
                    ? new FieldProblem(contractField, p.message()) : p).toList());
        } catch (NotFoundException e) {
            throw InputRefusal.of(List.of(new FieldProblem(contractField, e.getMessage())));
        } catch (ConflictException e) {
            throw InputRefusal.submission(e.getMessage());
        }
    }
}
