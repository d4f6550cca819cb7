package com.enrollflow.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answers of the webapps' plugin resources (Cockpit's 经营看板, Tasklist's 导入线索): JSON written by the
 * application's mapper, and refusals in the problem form /api gives ({@code title}, {@code status}, {@code detail}, the
 * refused fields under {@code problems}).
 */
public final class PluginResponses {

    private PluginResponses() {
    }

    public static Response json(ObjectMapper mapper, int status, Object body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                    .entity(mapper.writeValueAsString(body)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Response problem(ObjectMapper mapper, int status, String title, String detail,
            List<FieldProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (problems != null) {
            body.put("problems", problems);
        }
        try {
            return Response.status(status).type("application/problem+json;charset=UTF-8")
                    .entity(mapper.writeValueAsString(body)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
