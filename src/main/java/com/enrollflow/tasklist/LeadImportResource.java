package com.enrollflow.tasklist;

import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
import com.enrollflow.lead.LeadImportService;
import com.enrollflow.lead.LeadImportTemplate;
import com.enrollflow.reference.Channel;
import com.enrollflow.reference.StaffRole;

/**
 * 导入线索 in Tasklist, under {@code /camunda/api/tasklist/plugin/enrollflow-lead-import/{engine}/}: the lead import of
 * {@code POST /api/leads/import} for staff, who work in Tasklist with its session and never hold an API password.
 * Camunda's filters log the user in for the request and check the CSRF token of the upload; Camunda lets any
 * logged-in webapp user through to a plugin resource, so the role is checked here (marketing, the call centre, sales
 * supervisors, admins: the API's importers), 403 for everyone else. The file is the request body itself (its name in
 * {@code fileName}), read up to the application's upload limit; each row goes through the intake as the API's rows
 * do, within the importer's campuses.
 */
@Path("plugin/" + LeadImportPlugin.ID)
public class LeadImportResource extends AbstractTasklistPluginRootResource {

    public LeadImportResource() {
        super(LeadImportPlugin.ID);
    }

    /**
     * Whether the caller may import, and what the dialog then offers: the channels by their Chinese names, the
     * campuses they work for, the columns' titles, the limits. Asked on every Tasklist page, so a caller without the
     * role hears 200 and {@code mayImport: false}: a 403 would be logged in every staff member's browser console.
     */
    @GET
    @Path("{engine}/options")
    public Response options(@PathParam("engine") String engine) {
        if ("default".equals(engine) && !TasklistServices.get().callerImportsLeads()) {
            return json(200, Map.of("mayImport", false));
        }
        return answer(engine, () -> {
            TasklistServices services = TasklistServices.get();
            List<Map<String, String>> channels = Arrays.stream(Channel.values())
                    .map(c -> Map.of("code", c.name(), "label", c.label())).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mayImport", true);
            body.put("channels", channels);
            body.put("defaultChannel", Channel.CAMPAIGN.name());
            body.put("columns", LeadImportService.columnTitles());
            body.put("maxRows", LeadImportService.MAX_ROWS);
            body.put("maxMegabytes", services.uploadLimit / 1024 / 1024);
            body.put("maxCampaignLength", LeadImportService.CAMPAIGN_MAX);
            // the campus for rows without one: the importer's campuses; a sales supervisor of one campus imports
            // that campus's list, everyone else chooses (none: the call centre distributes them)
            Map<String, String> campuses = services.caller.asApiCaller(services.imports::campusChoices);
            body.put("campuses", campuses.entrySet().stream()
                    .map(c -> Map.of("code", c.getKey(), "name", c.getValue())).toList());
            boolean supervisor = services.caller.groups().contains(StaffRole.SALES_SUPERVISOR.groupId());
            body.put("defaultCampus", campuses.size() == 1 && supervisor ? campuses.keySet().iterator().next() : null);
            return json(200, body);
        });
    }

    /** 下载导入模板: the API's template, its 校区 list the caller's campuses. */
    @GET
    @Path("{engine}/template.xlsx")
    public Response template(@PathParam("engine") String engine) {
        return answer(engine, () -> {
            TasklistServices services = TasklistServices.get();
            return PluginResponses.xlsx(services.caller.asApiCaller(services.template::workbook),
                    "lead-import-template.xlsx", LeadImportTemplate.FILE_NAME);
        });
    }

    /** The upload: the file as the body, answered with the API's report of every row. */
    @POST
    @Path("{engine}/import")
    @Consumes(MediaType.WILDCARD)
    public Response importFile(@PathParam("engine") String engine, @QueryParam("fileName") String fileName,
            @QueryParam("channel") String channel, @QueryParam("campaign") String campaign,
            @QueryParam("campus") String campus, InputStream body) {
        return answer(engine, () -> {
            if (fileName == null || fileName.isBlank()) {
                throw new InvalidInputException("file", "请选择要导入的文件");
            }
            TasklistServices services = TasklistServices.get();
            byte[] content = services.upload(body);
            String importer = services.caller.id();
            // the intake starts 报名签约 for the importer, as for the API's importer: not under the engine's checks of
            // the webapp user, whose rights in the engine are their tasks
            return json(200, services.caller.asApiCaller(() -> services.imports.importFile(fileName.strip(),
                    content, new LeadImportService.Defaults(channel, campaign, campus), importer)));
        });
    }

    /** The role check, then the answer; the application's exceptions as the same problem details /api gives. */
    private static Response answer(String engine, Supplier<Response> work) {
        return PluginResponses.answer(TasklistServices.get().json, engine, TasklistServices.get()::callerImportsLeads,
                "只有市场、呼叫中心、销售主管和管理员可以导入线索", work);
    }

    private static Response json(int status, Object body) {
        return PluginResponses.json(TasklistServices.get().json, status, body);
    }
}
