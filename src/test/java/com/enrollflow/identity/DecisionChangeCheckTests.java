package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Unit test: a process owner's table whose output entries are not of their column's kind is refused before the
 * engine stores it (the engine would return them as they are, and the Java side refused every plan at pricing).
 */
class DecisionChangeCheckTests {

    private static List<String> problems(String live, String changed) {
        return new DecisionChangeCheck(key -> Optional.of(live.getBytes(StandardCharsets.UTF_8)))
                .check("collection-limit.dmn", changed.getBytes(StandardCharsets.UTF_8)).stream()
                .map(DeploymentProblem::toString).toList();
    }

    @Test
    void shouldRefuseTextOrAFractionWhereTheColumnIsAWholeNumberAndTakeANumber() throws IOException {
        String live = Files.readString(Path.of("bpmn/collection-limit.dmn"));
        String first = "<text>60</text>";
        assertThat(live).contains(first);

        assertThat(problems(live, live.replaceFirst(first, "<text>\"很多\"</text>")))
                .containsExactly("collection-limit.dmn 中的元素 Rule_Beijing：输出列“单次最多课时”是数值，不能填文字：\"很多\"");
        assertThat(problems(live, live.replaceFirst(first, "<text>60.5</text>")))
                .containsExactly("collection-limit.dmn 中的元素 Rule_Beijing：输出列“单次最多课时”须为整数：60.5");
        assertThat(problems(live, live.replaceFirst(first, "<text>72</text>"))).isEmpty();
        assertThat(problems(live, live.replaceFirst(first, "<text>72.0</text>"))).isEmpty();
    }
}
