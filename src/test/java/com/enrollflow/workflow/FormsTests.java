package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Camunda Forms in forms/ as Tasklist's form-js (schema version 16) reads them, and as a refusal names their
 * fields: valid JSON, one form per user task that the BPMN binds by id, known component types, unique ids and keys,
 * choices that have options, and a label on every field staff fill in (the label is the field's name in a refusal).
 */
class FormsTests {

    /** The component types of form-js 1.x that Camunda 7.24's Tasklist renders. */
    static final Set<String> TYPES = Set.of("text", "textfield", "textarea", "number", "select", "radio", "checkbox",
            "checklist", "taglist", "datetime", "button", "group", "dynamiclist", "separator", "spacer", "image", "html",
            "expression", "table", "iframe");
    static final Set<String> CHOICES = Set.of("select", "radio", "checklist", "taglist");
    static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "select", "radio", "checkbox",
            "checklist", "taglist", "datetime");
    static final Pattern FORM_REF = Pattern.compile("camunda:formRef=\"([^\"]+)\"");

    private final ObjectMapper json = new ObjectMapper();

    private List<Path> forms() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            return files.filter(f -> f.toString().endsWith(".form")).sorted().toList();
        }
    }

    @Test
    void shouldBeFormsTasklistRendersWithEveryFieldLabelled() throws IOException {
        assertThat(forms()).hasSizeGreaterThan(20);
        for (Path file : forms()) {
            JsonNode form = json.readTree(file.toFile());
            String name = file.getFileName().toString().replace(".form", "");
            assertThat(form.path("id").asText()).as(file + ": id = file name").isEqualTo(name);
            assertThat(form.path("type").asText()).as(file + ": type").isEqualTo("default");
            assertThat(form.path("schemaVersion").asInt()).as(file + ": schema version").isEqualTo(16);
            List<String> problems = new ArrayList<>();
            check(form.path("components"), new HashSet<>(), new HashSet<>(), problems);
            assertThat(problems).as(file.toString()).isEmpty();
            // every form opens with a heading named like its task (Tasklist's tests find a form by it)
            // (make-plan computes it: 制定方案与报价 or, in a renewal, 制定续费方案)
            assertThat(form.path("components").path(0).path("text").asText()).as(file + ": heading")
                    .matches("(?s)(### |=\"### \" \\+ ).*");
        }
    }

    @Test
    void shouldBeBoundByIdFromTheDiagramsAndNoFormLeftOver() throws IOException {
        Set<String> referenced = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            for (Path bpmn : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Matcher m = FORM_REF.matcher(Files.readString(bpmn));
                while (m.find()) {
                    referenced.add(m.group(1));
                }
            }
        }
        Set<String> present = new TreeSet<>();
        for (Path file : forms()) {
            present.add(json.readTree(file.toFile()).path("id").asText());
        }
        assertThat(present).isEqualTo(referenced);
    }

    /**
     * form-js gives a text field of the form that has no value the empty text, never null: a condition that tests such
     * a field for null alone is never true. 调整上课时间偏好 told a new family's academic affairs that the schedule came
     * from a teacher change, with an empty 更换教师编号, until its condition also tested for "".
     */
    @Test
    void shouldTestTextFieldsForTheEmptyTextNotOnlyNull() throws IOException {
        for (Path file : forms()) {
            List<JsonNode> all = new ArrayList<>();
            collect(json.readTree(file.toFile()).path("components"), all);
            Set<String> texts = new TreeSet<>();
            all.stream().filter(c -> Set.of("textfield", "textarea").contains(c.path("type").asText()))
                    .forEach(c -> texts.add(c.path("key").asText()));
            for (JsonNode c : all) {
                String hide = c.path("conditional").path("hide").asText();
                for (String key : texts) {
                    Matcher m = Pattern.compile("\\b" + key + "\\s*(!?=)\\s*null\\b").matcher(hide);
                    while (m.find()) {
                        assertThat(hide).as(file + " " + c.path("id").asText() + ": " + key + " is \"\" when empty")
                                .containsPattern("\\b" + key + "\\s*" + m.group(1) + "\\s*\"\"");
                    }
                }
            }
        }
    }

    private static void collect(JsonNode components, List<JsonNode> into) {
        for (JsonNode c : components) {
            into.add(c);
            collect(c.path("components"), into);
        }
    }

    private static void check(JsonNode components, Set<String> ids, Set<String> keys, List<String> problems) {
        for (JsonNode c : components) {
            String type = c.path("type").asText();
            String id = c.path("id").asText();
            String where = id + " (" + type + ")";
            if (!TYPES.contains(type)) {
                problems.add(where + ": unknown component type");
            }
            if (id.isBlank() || !ids.add(id)) {
                problems.add(where + ": missing or repeated id");
            }
            if (c.hasNonNull("key") && !keys.add(c.get("key").asText())) {
                problems.add(where + ": repeated key " + c.get("key").asText());
            }
            if (INPUTS.contains(type) && !c.hasNonNull("key")) {
                problems.add(where + ": a field without a key submits nothing");
            }
            boolean labelled = !c.path("label").asText().isBlank() || !c.path("dateLabel").asText().isBlank();
            if (INPUTS.contains(type) && !labelled) {
                problems.add(where + ": no label to name it by");
            }
            if (CHOICES.contains(type) && c.path("values").isEmpty() && !c.hasNonNull("valuesKey")
                    && !c.hasNonNull("valuesExpression")) {
                problems.add(where + ": a choice without options");
            }
            if (c.has("conditional") && !c.path("conditional").path("hide").asText().startsWith("=")) {
                problems.add(where + ": a condition that is not an expression");
            }
            check(c.path("components"), ids, keys, problems);
        }
    }
}
