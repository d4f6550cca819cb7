package com.enrollflow.tasklist;

import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

import com.enrollflow.workflow.engine.FormResults;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Under {@code /camunda/api/tasklist/plugin/enrollflow-form-result/{engine}/}: reached with the webapp's session
 * (Camunda's filters log the user in for the request), so the engine's logged-in user is the caller. Answers only the
 * user the form was submitted by (the instance's starter, the task's completer). Anyone else, an unknown id and a task
 * that tells nothing read 204 (no content) alike: most tasks tell nothing, and Tasklist's page would log a 404 as an
 * error on every completion.
 */
@Path("plugin/" + FormResultPlugin.ID)
public class FormResultResource extends AbstractTasklistPluginRootResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    public FormResultResource() {
        super(FormResultPlugin.ID);
    }

    /** What the caller was told when their start form was stored: {@code {"text": "…"}}. */
    @GET
    @Path("{engine}/start-result/{processInstanceId}")
    public Response startResult(@PathParam("engine") String engine,
            @PathParam("processInstanceId") String processInstanceId) {
        return answer(engine, () -> FormResults.get().startToldToCaller(processInstanceId));
    }

    /** What the caller was told when their task form was stored (签发的收据号、下一步): {@code {"text": "…"}}. */
    @GET
    @Path("{engine}/task-result/{taskId}")
    public Response taskResult(@PathParam("engine") String engine, @PathParam("taskId") String taskId) {
        return answer(engine, () -> FormResults.get().taskToldToCaller(taskId));
    }

    private static Response answer(String engine, java.util.function.Supplier<Optional<String>> told) {
        if (!"default".equals(engine)) {
            return json(404, Map.of("message", "没有流程引擎 " + engine));
        }
        return told.get().map(text -> json(200, Map.of("text", text)))
                .orElseGet(() -> Response.noContent().build());
    }

    private static Response json(int status, Map<String, String> body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                    .entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
