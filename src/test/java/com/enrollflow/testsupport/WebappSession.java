package com.enrollflow.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A staff member logged in to a Camunda webapp (Tasklist, Cockpit, Admin) the way the browser does it: session
 * cookie from the login form, CSRF token from the XSRF-TOKEN cookie sent back as X-XSRF-TOKEN. Requests then go to
 * the webapps' own API ({@code /camunda/api/engine/engine/default/…}, {@code /camunda/api/cockpit/…}).
 */
public final class WebappSession {

    private final TestRestTemplate http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private WebappSession(TestRestTemplate http) {
        this.http = http;
    }

    public static WebappSession login(TestRestTemplate http, String app, String user, String password) {
        WebappSession session = new WebappSession(http);
        session.keep(http.exchange("/camunda/app/" + app + "/default/", HttpMethod.GET,
                new HttpEntity<>(session.headers()), String.class));
        HttpHeaders headers = session.headers();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        ResponseEntity<String> answer = http.exchange("/camunda/api/admin/auth/user/default/login/" + app,
                HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        if (!answer.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("login of " + user + " to " + app + " failed: " + answer.getStatusCode() + " "
                    + answer.getBody());
        }
        session.keep(answer);
        return session;
    }

    public ResponseEntity<JsonNode> get(String path) {
        ResponseEntity<JsonNode> answer = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers()),
                JsonNode.class);
        keep(answer);
        return answer;
    }

    public ResponseEntity<String> post(String path, Object json) {
        HttpHeaders headers = headers();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> answer = http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers),
                String.class);
        keep(answer);
        return answer;
    }

    private HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.ALL));
        if (!cookies.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            cookies.forEach((k, v) -> pairs.add(k + "=" + v));
            headers.set(HttpHeaders.COOKIE, String.join("; ", pairs));
        }
        if (cookies.containsKey("XSRF-TOKEN")) {
            headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        }
        return headers;
    }

    private void keep(ResponseEntity<?> answer) {
        List<String> set = answer.getHeaders().get(HttpHeaders.SET_COOKIE);
        if (set == null) {
            return;
        }
        for (String cookie : set) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
    }
}
