package com.enrollflow.tasklist;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

import com.enrollflow.identity.ReportAccess;
import com.enrollflow.identity.WebappAsApiCaller;
import com.enrollflow.lead.LeadImportService;
import com.enrollflow.lead.LeadImportTemplate;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The application's services for the Tasklist plugins' resources. Tasklist's JAX-RS runtime creates a resource itself,
 * outside Spring, so the resource finds them here; this bean registers itself when the context starts.
 */
@Component
class TasklistServices {

    private static volatile TasklistServices current;

    final LeadImportService imports;
    final LeadImportTemplate template;
    final ObjectMapper json;
    final WebappAsApiCaller asApiCaller;
    private final IdentityService identity;

    TasklistServices(LeadImportService imports, LeadImportTemplate template, ObjectMapper json,
            WebappAsApiCaller asApiCaller, IdentityService identity) {
        this.imports = imports;
        this.asApiCaller = asApiCaller;
        this.template = template;
        this.json = json;
        this.identity = identity;
        current = this;
    }

    static TasklistServices get() {
        TasklistServices services = current;
        if (services == null) {
            throw new IllegalStateException("Tasklist 插件尚未就绪");
        }
        return services;
    }

    /** The webapp user (the engine's authentication, which the webapps set for each request of a session). */
    String callerId() {
        Authentication caller = identity.getCurrentAuthentication();
        return caller == null ? null : caller.getUserId();
    }

    /** Whether the webapp user may import lead lists: the same groups as POST /api/leads/import. */
    boolean callerImportsLeads() {
        Authentication caller = identity.getCurrentAuthentication();
        List<String> groups = caller == null || caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        return callerId() != null && ReportAccess.importsLeads(groups);
    }
}
