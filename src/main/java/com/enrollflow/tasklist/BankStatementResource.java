package com.enrollflow.tasklist;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.tasklist.resource.AbstractTasklistPluginRootResource;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.common.PluginResponses;
import com.enrollflow.payment.BankStatements;

/**
 * 银行流水对账 in Tasklist, under {@code /camunda/api/tasklist/plugin/enrollflow-bank-statement/{engine}/}: finance
 * uploads the statement their online banking exports, and every line that names a bank transfer waiting for them at
 * its amount completes that transfer's 确认到账 ({@link BankStatements}). Camunda's filters log the user in for the
 * request (their engine rights and campuses apply to the tasks completed) and check the CSRF token of the upload;
 * Camunda lets any logged-in webapp user through to a plugin resource, so the role is checked here (finance and
 * admins, who confirm transfers through the API too), 403 for everyone else.
 */
@Path("plugin/" + BankStatementPlugin.ID)
public class BankStatementResource extends AbstractTasklistPluginRootResource {

    public BankStatementResource() {
        super(BankStatementPlugin.ID);
    }

    /**
     * Whether the caller may reconcile, and what the dialog tells them: the columns' titles, the limits. Asked on
     * every Tasklist page, so a caller without the role hears 200 and {@code mayReconcile: false}.
     */
    @GET
    @Path("{engine}/options")
    public Response options(@PathParam("engine") String engine) {
        if ("default".equals(engine) && !TasklistServices.get().callerConfirmsPayments()) {
            return json(200, Map.of("mayReconcile", false));
        }
        return answer(engine, () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mayReconcile", true);
            body.put("columns", BankStatements.columnTitles());
            body.put("maxRows", BankStatements.MAX_ROWS);
            body.put("maxMegabytes", TasklistServices.get().uploadLimit / 1024 / 1024);
            return json(200, body);
        });
    }

    /** The upload: the statement as the body, answered with the report of every line. */
    @POST
    @Path("{engine}/reconcile")
    @Consumes(MediaType.WILDCARD)
    public Response reconcile(@PathParam("engine") String engine, @QueryParam("fileName") String fileName,
            InputStream body) {
        return answer(engine, () -> {
            if (fileName == null || fileName.isBlank()) {
                throw new InvalidInputException("file", "请选择网银导出的交易明细文件");
            }
            TasklistServices services = TasklistServices.get();
            byte[] content = services.upload(body);
            return json(200, services.statements.reconcile(fileName.strip(), content, services.caller.id()));
        });
    }

    /** The role check, then the answer; the application's exceptions as the same problem details /api gives. */
    private static Response answer(String engine, Supplier<Response> work) {
        return PluginResponses.answer(TasklistServices.get().json, engine,
                TasklistServices.get()::callerConfirmsPayments, "只有财务和管理员可以核对银行流水、确认到账", work);
    }

    private static Response json(int status, Object body) {
        return PluginResponses.json(TasklistServices.get().json, status, body);
    }
}
