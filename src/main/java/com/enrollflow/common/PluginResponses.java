package com.enrollflow.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The answers of the webapps' plugin resources (Cockpit's 经营看板, Tasklist's 导入线索): JSON written by the
 * application's mapper, and refusals in the problem form /api gives ({@code title}, {@code status}, {@code detail}, the
 * refused fields under {@code problems}).
 */
public final class PluginResponses {

    /** An Excel workbook's media type. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private PluginResponses() {
    }

    /**
     * A plugin resource's answer: 404 for an engine other than the default one, 403 with {@code refused} when the
     * caller's role does not {@code allow} it (Camunda lets every logged-in user reach a plugin), else the work, the
     * application's refusals as /api gives them (400 naming the fields, 404, the conflict's own status).
     */
    public static Response answer(ObjectMapper mapper, String engine, BooleanSupplier allowed, String refused,
            Supplier<Response> work) {
        if (!"default".equals(engine)) {
            return problem(mapper, 404, "未找到", "没有流程引擎 " + engine, null);
        }
        if (!allowed.getAsBoolean()) {
            return problem(mapper, 403, "无权限", refused, null);
        }
        try {
            return work.get();
        } catch (InvalidInputException e) {
            return problem(mapper, 400, "请求中有字段不正确", e.getMessage(), e.problems());
        } catch (NotFoundException e) {
            return problem(mapper, 404, "未找到", e.getMessage(), null);
        } catch (ConflictException e) {
            return problem(mapper, e.status(), "请求冲突", e.getMessage(), null);
        }
    }

    /** A workbook to download, named {@code name} (Chinese) for browsers that read RFC 5987, else {@code asciiName}. */
    public static Response xlsx(byte[] body, String asciiName, String name) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(body, XLSX).header("Content-Disposition",
                "attachment; filename=\"" + asciiName + "\"; filename*=UTF-8''" + encoded).build();
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
