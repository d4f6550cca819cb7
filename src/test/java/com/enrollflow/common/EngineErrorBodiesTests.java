package com.enrollflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The engine REST API's JSON reader answers a body it cannot read with 400 and, depending on which of its exception
 * mappers takes it, the parser's text or nothing at all: the caller always reads what to do about it.
 */
class EngineErrorBodiesTests {

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"InvalidRequestException\",\"message\":\"\",\"code\":null}", "\n"})
    void shouldNameAnUnreadableBodyInsteadOfAnsweringNothing(String answered) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest/task/t1/complete");
        MockHttpServletResponse response = new MockHttpServletResponse();

        new EngineErrorBodies().doFilter(request, response, (rq, rs) -> {
            HttpServletResponse http = (HttpServletResponse) rs;
            http.setStatus(400);
            http.getOutputStream().write(answered.getBytes(StandardCharsets.UTF_8));
        });

        assertThat(response.getStatus()).isEqualTo(400);
        JsonNode error = new ObjectMapper().readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(error.get("type").asText()).isEqualTo("InvalidRequestException");
        assertThat(error.get("message").asText()).isEqualTo("请求内容无法读取：JSON 格式不正确或内容过长");
    }
}
