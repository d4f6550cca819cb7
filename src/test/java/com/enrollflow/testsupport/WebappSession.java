package com.enrollflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A browser's session with the Camunda webapps: logged in through the Tasklist login form, session cookie kept,
 * and the CSRF token (cookie XSRF-TOKEN) sent back as X-XSRF-TOKEN, as Tasklist and Cockpit do.
 */
public final class WebappSession {

    /** The engine API the webapps use, e.g. {@code ENGINE + "/task"}. */
    public static final String ENGINE = "/camunda/api/engine/engine/default";

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Response(int status, JsonNode body) {
    }

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    private WebappSession(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    /** No login: what an anonymous caller gets. */
    public static WebappSession anonymous(int port) {
        WebappSession session = new WebappSession("http://localhost:" + port);
        session.send(HttpRequest.newBuilder(session.uri("/camunda/app/tasklist/")).GET());
        return session;
    }

    public static WebappSession login(int port, String user, String password) {
        WebappSession session = anonymous(port); // first visit: session and CSRF token
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Response login = session.send(session.withToken("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (login.status() != 200) {
            throw new IllegalStateException("webapp login of " + user + " answered " + login.status());
        }
        // the login starts a new session; its first request hands out the new session's token
        session.get("/camunda/api/admin/auth/user/default");
        return session;
    }

    public Response get(String path) {
        return send(withToken(path).GET());
    }

    public Response post(String path, Object body) {
        return send(withToken(path).header("Content-Type", "application/json").POST(json(body)));
    }

    public Response put(String path, Object body) {
        return send(withToken(path).header("Content-Type", "application/json").PUT(json(body)));
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder withToken(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json");
        for (HttpCookie cookie : cookies.getCookieStore().getCookies()) {
            if (cookie.getName().equals("XSRF-TOKEN")) {
                request.header("X-XSRF-TOKEN", cookie.getValue());
            }
        }
        return request;
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().trim();
            JsonNode json = body.startsWith("{") || body.startsWith("[") ? JSON.readTree(body) : null;
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
