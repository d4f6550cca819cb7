package com.enrollflow.tasklist;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import com.enrollflow.identity.ReportAccess;
import com.enrollflow.identity.WebappCaller;
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
    final WebappCaller caller;
    /** The largest upload: the application's one limit, which the engine API's size filter enforces first. */
    final long uploadLimit;

    TasklistServices(LeadImportService imports, LeadImportTemplate template, ObjectMapper json, WebappCaller caller,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize uploadLimit) {
        this.imports = imports;
        this.template = template;
        this.json = json;
        this.caller = caller;
        this.uploadLimit = uploadLimit.toBytes();
        current = this;
    }

    static TasklistServices get() {
        TasklistServices services = current;
        if (services == null) {
            throw new IllegalStateException("Tasklist 插件尚未就绪");
        }
        return services;
    }

    /** Whether the webapp user may import lead lists: the same groups as POST /api/leads/import. */
    boolean callerImportsLeads() {
        return caller.id() != null && ReportAccess.importsLeads(caller.groups());
    }
}
