package com.enrollflow.workflow.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The labels of a Camunda Form (form-js JSON) by field key, so that a refusal names a field as staff see it:
 * paymentAmount → 实收金额. A key the form does not have keeps its name.
 */
final class FormLabels {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** classOfferingCodes[1], preferredTimes[0].start: a list's entry. */
    private static final Pattern ENTRY = Pattern.compile("([^\\[]+)\\[(\\d+)](.*)");

    private final Map<String, String> labels;

    private FormLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    static FormLabels none() {
        return new FormLabels(Map.of());
    }

    static FormLabels of(InputStream form) throws IOException {
        Map<String, String> labels = new HashMap<>();
        collect(JSON.readTree(form).path("components"), labels);
        return new FormLabels(labels);
    }

    /** The field's label, "班课 第 2 项" for an entry of a list, or the key itself when the form has no such field. */
    String label(String field) {
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

    private static void collect(JsonNode components, Map<String, String> labels) {
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
            collect(c.path("components"), labels);
        }
    }
}
