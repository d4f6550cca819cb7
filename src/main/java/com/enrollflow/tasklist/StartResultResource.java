package com.enrollflow.tasklist;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

import com.enrollflow.workflow.engine.StartResults;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Under {@code /camunda/api/tasklist/plugin/enrollflow-start-result/{engine}/}: reached with the webapp's session
 * (Camunda's filters log the user in for the request), so the engine's logged-in user is the caller. Answers only the
 * instance's starter; anyone else, and an unknown instance, read 404 alike.
 */
@Path("plugin/" + StartResultPlugin.ID)
public class StartResultResource extends AbstractTasklistPluginRootResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    public StartResultResource() {
        super(StartResultPlugin.ID);
    }

    /** What the caller was told when their start form was stored: {@code {"text": "…"}}. */
    @GET
    @Path("{engine}/start-result/{processInstanceId}")
    public Response result(@PathParam("engine") String engine,
            @PathParam("processInstanceId") String processInstanceId) {
        if (!"default".equals(engine)) {
            return json(404, Map.of("message", "没有流程引擎 " + engine));
        }
        return StartResults.get().toldToCaller(processInstanceId).map(text -> json(200, Map.of("text", text)))
                .orElseGet(() -> json(404, Map.of("message", "没有可显示的提交结果")));
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
