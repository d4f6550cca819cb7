package com.enrollflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A value of the wrong JSON type is refused naming the field and what it should be, as its field's type says: a
 * contract id sent as text is "应为整数", not "应为文本", and so is a count sent as a fraction (2.5 lessons, never cut to 2);
 * nothing is stored.
 */
@EnrollFlowTest
class WrongTypeTests {

    @Autowired
    TestRestTemplate http;

    private ResponseEntity<JsonNode> post(String user, String path, String body) {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(body, json), JsonNode.class);
    }

    private static String problem(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = answer.getBody().get("errors").get(0);
        return error.get("field").asText() + "：" + error.get("message").asText();
    }

    @Test
    void shouldSayWhatTypeAFieldTakes() {
        assertThat(problem(post("chenxi", "/api/refunds", "{\"contractId\":\"第一份\",\"reason\":\"搬家\"}")))
                .isEqualTo("contractId：类型不正确，应为整数");
        assertThat(problem(post("liwei", "/api/quotes/preview", "{\"campusCode\":\"BJ-HD\",\"productLine\":"
                + "\"ONE_ON_ONE\",\"lessons\":40.5}"))).isEqualTo("lessons：类型不正确，应为整数");
        assertThat(problem(post("chenxi", "/api/refunds",
                "{\"contractId\":1,\"reason\":\"搬家\",\"withdrawal\":\"也许\"}")))
                .isEqualTo("withdrawal：类型不正确，应为 true 或 false");
        assertThat(problem(post("zhangli", "/api/leads", "{\"name\":\"数字电话\",\"phone\":13800138000,"
                + "\"channel\":\"PHONE\"}"))).isEqualTo("phone：类型不正确，应为文本");
        assertThat(problem(post("sunqiang", "/api/teams/BJHD1V1/members/liwei/hand-over", "{\"to\":\"chenjing\"}")))
                .isEqualTo("to：类型不正确，应为列表");
        assertThat(problem(post("zhangli", "/api/leads", "[\"张三\"]"))).isEqualTo("(body)：类型不正确，应为对象");
    }
}
