package com.enrollflow.identity;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.rest.dto.task.TaskQueryDto;

/** Finds every expression in a query, or-queries included, named as the REST API names the field, for refusals. */
final class QueryExpressions {

    /** Engine key (the TaskQueryImpl method the expression feeds, e.g. taskAssignee) → REST field name. */
    private static final Map<String, String> REST_NAMES = restNames();

    private QueryExpressions() {
    }

    /** Field path → expression text, sorted by path; empty when the query carries none. */
    static SortedMap<String, String> of(AbstractQuery<?, ?> query) {
        SortedMap<String, String> found = new TreeMap<>();
        add(found, "", query);
        if (query instanceof TaskQueryImpl task) {
            // getQueries() starts with the query itself; the or-queries follow
            List<TaskQueryImpl> orQueries = task.getQueries().stream().filter(q -> q != task).toList();
            for (int i = 0; i < orQueries.size(); i++) {
                add(found, "orQueries[" + i + "].", orQueries.get(i));
            }
        }
        return found;
    }

    /** SHA-256 of the expressions and where they sit: what an admin approved when the filter was saved. */
    static String fingerprint(SortedMap<String, String> expressions) {
        StringBuilder text = new StringBuilder();
        expressions.forEach((path, expression) -> text.append(path).append('=').append(expression).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void add(SortedMap<String, String> found, String prefix, AbstractQuery<?, ?> query) {
        Map<String, String> expressions = query.getExpressions();
        if (expressions != null) {
            expressions.forEach((key, expression) -> found.put(prefix + restName(key), expression));
        }
    }

    static String restName(String engineKey) {
        return REST_NAMES.getOrDefault(engineKey, engineKey + "Expression");
    }

    /**
     * Derived from the engine's own classes, so a field added by an engine upgrade is named too: each
     * TaskQueryImpl {@code …Expression(String)} method is called on an empty query, the key it records is read
     * back, and TaskQueryDto.fromQuery shows which REST field carries it. Nothing is evaluated here.
     */
    private static Map<String, String> restNames() {
        Map<String, String> names = new HashMap<>();
        String marker = "${restName}";
        for (Method setter : TaskQueryImpl.class.getMethods()) {
            if (!setter.getName().endsWith("Expression") || setter.getParameterCount() != 1
                    || setter.getParameterTypes()[0] != String.class) {
                continue;
            }
            try {
                TaskQueryImpl query = new TaskQueryImpl();
                setter.invoke(query, marker);
                TaskQueryDto dto = TaskQueryDto.fromQuery(query);
                for (Method getter : TaskQueryDto.class.getMethods()) {
                    if (getter.getName().startsWith("get") && getter.getName().endsWith("Expression")
                            && getter.getParameterCount() == 0 && marker.equals(getter.invoke(dto))) {
                        String field = getter.getName().substring(3);
                        query.getExpressions().keySet().forEach(key -> names.put(key,
                                Character.toLowerCase(field.charAt(0)) + field.substring(1)));
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no REST name for this one: restName() falls back to the engine's key
            }
        }
        return Map.copyOf(names);
    }
}
