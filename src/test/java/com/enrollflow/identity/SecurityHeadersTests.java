package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * Security checklist item 1: every response carries nosniff, X-Frame-Options, a referrer policy and exactly one
 * Content-Security-Policy — ours (nothing may load) for JSON and error pages, Camunda's (with a script nonce) for
 * the webapps.
 */
@EnrollFlowTest
class SecurityHeadersTests {

    @Autowired
    TestRestTemplate http;

    @Test
    void shouldSendTheSecurityHeadersOnApiEngineRestDocsActuatorAndErrorPages() {
        List<ResponseEntity<String>> answers = List.of(
                http.withBasicAuth("sunqiang", "demo").getForEntity("/api/teams", String.class),
                http.getForEntity("/api/teams", String.class), // 401
                http.withBasicAuth("zhangli", "demo").getForEntity("/engine-rest/task?maxResults=1", String.class),
                http.getForEntity("/engine-rest/task?maxResults=1", String.class), // 401 from Camunda's filter
                http.getForEntity("/v3/api-docs", String.class),
                http.getForEntity("/actuator/health", String.class),
                http.getForEntity("/no-such-page", String.class), // Spring Boot's error page
                http.getForEntity("/camunda/no-such-page", String.class));
        for (ResponseEntity<String> answer : answers) {
            HttpHeaders h = answer.getHeaders();
            assertThat(h.get("X-Content-Type-Options")).as("nosniff on %s", answer).containsExactly("nosniff");
            assertThat(h.get("X-Frame-Options")).as("X-Frame-Options on %s", answer).containsExactly("DENY");
            assertThat(h.get("Referrer-Policy")).as("Referrer-Policy on %s", answer).containsExactly("same-origin");
            assertThat(h.get("Content-Security-Policy")).as("CSP on %s", answer)
                    .containsExactly(SecurityHeaders.API_POLICY);
        }
        assertThat(answers.get(0).getHeaders().getCacheControl()).contains("no-store");
    }

    @Test
    void shouldKeepCamundasOwnNonceBasedPolicyOnTheWebappsWithoutADuplicate() {
        for (String page : List.of("/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
                "/camunda/app/admin/default/", "/camunda/app/welcome/default/")) {
            ResponseEntity<String> answer = http.exchange(page, HttpMethod.GET, null, String.class);
            HttpHeaders h = answer.getHeaders();
            assertThat(answer.getStatusCode().value()).as(page).isEqualTo(200);
            List<String> csp = h.get("Content-Security-Policy");
            assertThat(csp).as("one CSP header on %s", page).hasSize(1);
            assertThat(csp.get(0)).as(page).contains("script-src 'nonce-").contains("frame-ancestors 'none'")
                    .contains("object-src 'none'").doesNotContain("$NONCE");
            assertThat(h.get("X-Content-Type-Options")).as(page).containsExactly("nosniff");
            assertThat(h.get("X-Frame-Options")).as(page).containsExactly("DENY");
            assertThat(h.get("Referrer-Policy")).as(page).containsExactly("same-origin");
        }
    }

    @Test
    void shouldLetTheBrowserCacheTheWebappsVersionedScriptsButNotTheirData() {
        ResponseEntity<String> script = http.getForEntity("/camunda/app/tasklist/scripts/config.js", String.class);
        assertThat(script.getStatusCode().value()).isEqualTo(200);
        assertThat(script.getHeaders().getCacheControl()).isNull();
        assertThat(script.getHeaders().get("X-Content-Type-Options")).containsExactly("nosniff");
        ResponseEntity<String> data = http.withBasicAuth("zhangli", "demo").getForEntity("/engine-rest/filter?maxResults=50",
                String.class);
        assertThat(data.getHeaders().getCacheControl()).contains("no-cache");
    }
}
