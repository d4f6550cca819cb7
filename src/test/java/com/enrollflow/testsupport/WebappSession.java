package com.enrollflow.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A browser-like session of the Camunda webapps: cookies kept, login through the form's endpoint, CSRF token read. */
public final class WebappSession {

    /** The engine API the webapps use, e.g. {@code ENGINE + "/task"}. */
    public static final String ENGINE = "/camunda/api/engine/engine/default";

    /** An answer: the status and, when the body is JSON, the body (else null). */
    public record Response(int status, JsonNode body) {
    }

    private final String base;
    private final CookieManager cookies;
    private final HttpClient client;

    public WebappSession(int port) {
        this("http://127.0.0.1:" + port, new CookieManager());
    }

    private WebappSession(String base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The same browser (its cookies) sending its next requests to another port: another node of a cluster. */
    public WebappSession sameBrowserAt(int port) {
        return new WebappSession("http://127.0.0.1:" + port, cookies);
    }

    /** Opens Tasklist (which hands out the CSRF cookie) and logs in as the webapp's login form does. */
    public HttpResponse<String> login(String user, String password) {
        return login("tasklist", user, password);
    }

    /** The same for another webapp (tasklist, cockpit, admin). */
    public HttpResponse<String> login(String app, String user, String password) {
        send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).GET());
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/"
                + app)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrfToken()).POST(HttpRequest.BodyPublishers.ofString(form)));
        // the login starts a new session; its first request hands out the new session's CSRF token
        send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default")).GET());
        return login;
    }

    /** No login: what an anonymous caller gets (it has opened Tasklist, so it holds a CSRF token). */
    public static WebappSession anonymous(int port) {
        WebappSession session = new WebappSession(port);
        session.send(HttpRequest.newBuilder(session.uri("/camunda/app/tasklist/default/")).GET());
        return session;
    }

    /** Logged in to Tasklist, or the test fails. */
    public static WebappSession login(int port, String user, String password) {
        return loggedIn(port, "tasklist", user, password);
    }

    /** Logged in, or the test fails with the webapp's answer. */
    public static WebappSession loggedIn(int port, String app, String user, String password) {
        WebappSession session = new WebappSession(port);
        HttpResponse<String> answer = session.login(app, user, password);
        if (answer.statusCode() / 100 != 2) {
            throw new AssertionError("login of " + user + " to " + app + ": " + answer.statusCode() + " "
                    + answer.body());
        }
        return session;
    }

    /** Where Tasklist reads what a task's form told the user who completed it (decision 651). */
    public static final String TASK_RESULT = "/camunda/api/tasklist/plugin/enrollflow-form-result/default/task-result/";

    /**
     * What Tasklist shows this session's user after they completed {@code taskId}: the text, or null when there is
     * nothing for them (204, as for a task that tells nothing, another user's task or an unknown id).
     */
    public String taskResult(String taskId) {
        HttpResponse<String> answer = get(TASK_RESULT + taskId);
        if (answer.statusCode() == 204) {
            return null;
        }
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET task result " + taskId + ": " + answer.statusCode() + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body()).path("text").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET answered 2xx, as JSON. */
    public JsonNode json(String path) {
        HttpResponse<String> answer = get(path);
        if (answer.statusCode() / 100 != 2) {
            throw new AssertionError("GET " + path + ": " + answer.statusCode() + " " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON POST of an object, with the CSRF token. */
    public Response post(String path, Object body) {
        try {
            return response(post(path, JSON.writeValueAsString(body), true));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON PUT of an object, with the CSRF token. */
    public Response put(String path, Object body) {
        try {
            return response(put(path, JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response response(HttpResponse<String> answer) {
        String text = answer.body() == null ? "" : answer.body().trim();
        try {
            return new Response(answer.statusCode(),
                    text.startsWith("{") || text.startsWith("[") ? JSON.readTree(text) : null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
    }

    /** GET of a file (e.g. an Excel export), as bytes. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON POST with (or, for the attack, without) the X-XSRF-TOKEN header the webapps send. */
    public HttpResponse<String> post(String path, String json, boolean withCsrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (withCsrfToken) {
            request.header("X-XSRF-TOKEN", csrfToken());
        }
        return send(request);
    }

    /** A POST of raw bytes (a file, as Tasklist's 导入线索 uploads it), with or without the CSRF token. */
    public Response postBytes(String path, byte[] body, boolean withCsrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type",
                "application/octet-stream").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (withCsrfToken) {
            request.header("X-XSRF-TOKEN", csrfToken());
        }
        return response(send(request));
    }

    public HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", csrfToken()).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public String csrfToken() {
        return cookie("XSRF-TOKEN");
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).reduce((first, second) -> second).orElse(null);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
