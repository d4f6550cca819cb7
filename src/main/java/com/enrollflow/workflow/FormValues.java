package com.enrollflow.workflow;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import com.enrollflow.common.ConflictException;
import com.enrollflow.common.FieldProblem;
import com.enrollflow.common.InputRules;
import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.NotFoundException;
import com.enrollflow.reference.BusinessTime;

/**
 * Reading what a Camunda Form submitted, and refusing it as the form speaks: the values as text, a day, an amount, a
 * checkbox; the requests the start forms hand to the API's service, the after-sales ones (申请退费, 登记停课, 申请转课)
 * with the contract as staff typed it.
 */
public final class FormValues {

    private FormValues() {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * A checklist's value as Tasklist submits it (a JSON array), as the Java API passes it (a list), or empty; a
     * single value otherwise.
     */
    public static List<String> checked(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        try {
            return JSON.readValue(value.toString(), new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() {
            }).stream().map(String::valueOf).toList();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return value.toString().isBlank() ? List.of() : List.of(value.toString());
        }
    }

    /** A form value as text (null stays null). */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * A moment as a form's date-and-time field sends it (2026-12-08T10:00+08:00); a REST client's Date variable is that
     * instant in China's time. Anything else as text, for the service to refuse by field.
     */
    public static String moment(Object value) {
        return value instanceof Date d ? d.toInstant().atZone(BusinessTime.ZONE).toOffsetDateTime().toString()
                : text(value);
    }

    /**
     * A day as a form's date field sends it (2026-12-05); a REST client's Date variable is that day in China. Anything
     * else as text, for the service to refuse by field.
     */
    public static String day(Object value) {
        return value instanceof Date d ? d.toInstant().atZone(BusinessTime.ZONE).toLocalDate().toString() : text(value);
    }

    /**
     * An amount as a form's number field sends it (a Long or a Double: 5000, 6200.5) or as text (an engine REST
     * client), as the text of the decimal it is, for the service to check like the API's: 6200.5, never
     * 6200.50000000001.
     */
    public static String amount(Object value) {
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).toPlainString();
            } catch (NumberFormatException notFinite) {
                return n.toString(); // NaN or Infinity from a REST client: the service refuses it by field
            }
        }
        return text(value);
    }

    /**
     * A count as a form's number field sends it (a Long, or a Double such as 10.0) or as text (an engine REST client):
     * a whole number, or null when empty. Anything else (2.5, 一些, a number beyond an int) is refused by field.
     */
    public static Integer wholeNumber(String variable, Object value) {
        String given = amount(value);
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(given.strip()).intValueExact();
        } catch (NumberFormatException | ArithmeticException notWhole) {
            throw InputRefusal.of(List.of(new FieldProblem(variable, "应为整数：“" + InputRules.abbreviate(given)
                    + "”")));
        }
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
        return lookupRequest(contractField, "contractId", request);
    }

    /**
     * A start form's request whose one field names the record it is about (登记投诉's 客户手机号): an unknown record,
     * or one of another campus, is refused under that field; the rest as {@link #request(Supplier)}.
     */
    public static <T> T lookupRequest(String field, Supplier<T> request) {
        return lookupRequest(field, null, request);
    }

    /** The two above: not found under {@code field}, and so are the API's problems of {@code apiField}, if any. */
    private static <T> T lookupRequest(String field, String apiField, Supplier<T> request) {
        try {
            return request.get();
        } catch (InvalidInputException e) {
            throw InputRefusal.of(e.problems().stream().map(p -> apiField != null && apiField.equals(p.field())
                    ? new FieldProblem(field, p.message()) : p).toList());
        } catch (NotFoundException e) {
            throw InputRefusal.of(List.of(new FieldProblem(field, e.getMessage())));
        } catch (ConflictException e) {
            throw InputRefusal.submission(e.getMessage());
        }
    }

    /**
     * A start form's request handed to the API's service: its field problems come back under the form's fields (the
     * form's keys are the API's names), a refusal of the whole request (409) with its reason.
     */
    public static <T> T request(Supplier<T> request) {
        try {
            return request.get();
        } catch (InvalidInputException e) {
            throw InputRefusal.of(e.problems());
        } catch (ConflictException e) {
            throw InputRefusal.submission(e.getMessage());
        }
    }
}
