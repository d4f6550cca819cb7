package com.enrollflow.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateTask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The labels of a Camunda Form (form-js JSON) by field key, so that a refusal names a field as staff see it:
 * paymentAmount → 实收金额; and the labels of a radio's or select's values (contactResult REACHED → 已联系上，信息正确).
 * A key the form does not have keeps its name. A label or a list of values the form computes in FEEL for the process
 * it is shown in (make-plan's {@code =if renewalNo = null then "流失原因" else "放弃续费原因"}) names the field by its
 * first wording, and takes any of its values' labels.
 */
public final class FormLabels {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** classOfferingCodes[1], preferredTimes[0].start: a list's entry. */
    private static final Pattern ENTRY = Pattern.compile("([^\\[]+)\\[(\\d+)](.*)");
    /** The first text in a FEEL expression: "流失原因" of {@code =if renewalNo = null then "流失原因" else …}. */
    private static final Pattern FIRST_TEXT = Pattern.compile("\"([^\"]*)\"");
    /** One value of a list computed in FEEL: {@code {label: "客户流失，关单", value: "LOST"}}. */
    private static final Pattern FEEL_VALUE = Pattern.compile(
            "\\{\\s*label\\s*:\\s*\"([^\"]*)\"\\s*,\\s*value\\s*:\\s*\"([^\"]*)\"\\s*}");

    private final Map<String, String> labels;
    /** Per field, each value's label (its first wording). */
    private final Map<String, Map<String, String>> choices;
    /** Per field, every label the form may show for a value, to the value. */
    private final Map<String, Map<String, String>> codes;

    private FormLabels(Map<String, String> labels, Map<String, Map<String, String>> choices,
            Map<String, Map<String, String>> codes) {
        this.labels = labels;
        this.choices = choices;
        this.codes = codes;
    }

    public static FormLabels none() {
        return new FormLabels(Map.of(), Map.of(), Map.of());
    }

    public static FormLabels of(InputStream form) throws IOException {
        FormLabels read = new FormLabels(new HashMap<>(), new HashMap<>(), new HashMap<>());
        read.collect(JSON.readTree(form).path("components"));
        return read;
    }

    /**
     * The words a label stands for: the label as written, or for one the form computes in FEEL (it starts with =) the
     * first text in it, its usual wording; null for none.
     */
    public static String shown(String label) {
        if (label == null || !label.strip().startsWith("=")) {
            return label == null ? null : label.strip();
        }
        Matcher text = FIRST_TEXT.matcher(label);
        return text.find() ? text.group(1).strip() : null;
    }

    /**
     * The form of a task whose listener is running, through the engine's public API (a command nested in the one that
     * runs the listener, checked against the user who works the task). {@link #none()} when the task has no Camunda
     * Form or it cannot be read.
     */
    static FormLabels of(DelegateTask task) {
        try (InputStream form = task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId())) {
            return of(form);
        } catch (IOException | RuntimeException e) {
            return none();
        }
    }

    /** The label the form gives {@code code} among the field's static values, or null. */
    public String choice(String field, String code) {
        return choices.getOrDefault(field, Map.of()).get(code);
    }

    /** The code whose label the form shows as {@code label} for the field (已联系上，信息正确 → REACHED), or null. */
    String code(String field, String label) {
        return codes.getOrDefault(field, Map.of()).get(label.strip());
    }

    /** The field's label, "班课 第 2 项" for an entry of a list, or the key itself when the form has no such field. */
    public String label(String field) {
        String label = labels.get(field);
        if (label != null) {
            return label;
        }
        Matcher entry = ENTRY.matcher(field);
        if (entry.matches() && labels.containsKey(entry.group(1))) {
            return labels.get(entry.group(1)) + " 第 " + (Integer.parseInt(entry.group(2)) + 1) + " 项";
        }
        return field;
    }

    private void collect(JsonNode components) {
        for (JsonNode c : components) {
            // a dynamic list (登记今日课堂's rows) is bound by its path
            String key = c.path("key").asText(c.path("path").asText(null));
            String label = c.hasNonNull("label") ? shown(c.get("label").asText())
                    // a date-time field has a label for each half: 到访时间（日期） names the field
                    : c.hasNonNull("dateLabel") ? c.get("dateLabel").asText().replaceFirst("（日期）$", "")
                    : c.path("timeLabel").asText(null);
            if (key != null && label != null && !label.isBlank()) {
                labels.putIfAbsent(key, label.strip());
            }
            if (key != null) {
                for (JsonNode v : c.path("values")) {
                    choice(key, v.path("value").asText(null), v.path("label").asText("").strip());
                }
                Matcher computed = FEEL_VALUE.matcher(c.path("valuesExpression").asText(""));
                while (computed.find()) {
                    choice(key, computed.group(2), computed.group(1).strip());
                }
            }
            collect(c.path("components"));
        }
    }

    private void choice(String key, String value, String shown) {
        if (value != null && !shown.isEmpty()) {
            choices.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(value, shown);
            codes.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(shown, value);
        }
    }
}
