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
 * A key the form does not have keeps its name.
 */
public final class FormLabels {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** classOfferingCodes[1], preferredTimes[0].start: a list's entry. */
    private static final Pattern ENTRY = Pattern.compile("([^\\[]+)\\[(\\d+)](.*)");

    private final Map<String, String> labels;
    private final Map<String, Map<String, String>> choices;

    private FormLabels(Map<String, String> labels, Map<String, Map<String, String>> choices) {
        this.labels = labels;
        this.choices = choices;
    }

    public static FormLabels none() {
        return new FormLabels(Map.of(), Map.of());
    }

    public static FormLabels of(InputStream form) throws IOException {
        Map<String, String> labels = new HashMap<>();
        Map<String, Map<String, String>> choices = new HashMap<>();
        collect(JSON.readTree(form).path("components"), labels, choices);
        return new FormLabels(labels, choices);
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
        return choices.getOrDefault(field, Map.of()).entrySet().stream()
                .filter(e -> e.getValue().equals(label.strip())).map(Map.Entry::getKey).findFirst().orElse(null);
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

    private static void collect(JsonNode components, Map<String, String> labels,
            Map<String, Map<String, String>> choices) {
        for (JsonNode c : components) {
            // a dynamic list (登记今日课堂's rows) is bound by its path
            String key = c.path("key").asText(c.path("path").asText(null));
            String label = c.hasNonNull("label") ? c.get("label").asText()
                    // a date-time field has a label for each half: 到访时间（日期） names the field
                    : c.hasNonNull("dateLabel") ? c.get("dateLabel").asText().replaceFirst("（日期）$", "")
                    : c.path("timeLabel").asText(null);
            if (key != null && label != null && !label.isBlank()) {
                labels.putIfAbsent(key, label.strip());
            }
            for (JsonNode v : c.path("values")) {
                String value = v.path("value").asText(null);
                String shown = v.path("label").asText("").strip();
                if (key != null && value != null && !shown.isEmpty()) {
                    choices.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(value, shown);
                }
            }
            collect(c.path("components"), labels, choices);
        }
    }
}
