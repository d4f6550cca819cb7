package com.enrollflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API document (/v3/api-docs) describes each request body by its own schema: request records of different
 * features named alike (a dozen are called {@code Request}) were all described by one of them, so the document told
 * an API client to send a sales target's fields to 更换教师.
 */
@EnrollFlowTest
class ApiDocumentSchemasTests {

    @Autowired
    TestRestTemplate http;

    /** The schema name springdoc gives a type: its {@code @Schema(name)}, else its simple name. */
    private static String schemaName(Class<?> type) {
        io.swagger.v3.oas.annotations.media.Schema schema = type
                .getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
    }

    @Test
    void shouldNameEveryRequestBodyTypeDifferently() throws Exception {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Map<String, Set<String>> typesByName = new HashMap<>();
        for (var candidate : scanner.findCandidateComponents("com.enrollflow")) {
            for (Method m : Class.forName(candidate.getBeanClassName()).getDeclaredMethods()) {
                for (Parameter p : m.getParameters()) {
                    Class<?> type = p.getType();
                    if (p.isAnnotationPresent(RequestBody.class)
                            && type.getPackageName().startsWith("com.enrollflow")) {
                        typesByName.computeIfAbsent(schemaName(type), n -> new TreeSet<>()).add(type.getName());
                    }
                }
            }
        }
        assertThat(typesByName).isNotEmpty();
        assertThat(typesByName.entrySet().stream().filter(e -> e.getValue().size() > 1).toList())
                .as("request body types sharing one schema name").isEmpty();
    }

    @Test
    void shouldDescribeTheTeacherChangeAndSuspensionBodiesByTheirOwnFields() {
        JsonNode doc = http.getForObject("/v3/api-docs", JsonNode.class);
        assertThat(fields(doc, "/api/contracts/{contractId}/teacher-changes")).contains("reason", "preferredTeacher")
                .doesNotContain("period");
        assertThat(fields(doc, "/api/contracts/{contractId}/suspensions")).contains("from", "until", "reason");
    }

    private static Set<String> fields(JsonNode doc, String path) {
        JsonNode body = doc.path("paths").path(path).path("post").path("requestBody").path("content")
                .path("application/json").path("schema");
        String ref = body.path("$ref").asText();
        JsonNode schema = doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        Set<String> names = new TreeSet<>();
        StreamSupport.stream(((Iterable<String>) () -> schema.path("properties").fieldNames()).spliterator(), false)
                .forEach(names::add);
        return names;
    }
}
