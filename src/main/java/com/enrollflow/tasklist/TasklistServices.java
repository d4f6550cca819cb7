package com.enrollflow.tasklist;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.identity.ReportAccess;
import com.enrollflow.identity.WebappCaller;
import com.enrollflow.lead.LeadImportService;
import com.enrollflow.lead.LeadImportTemplate;
import com.enrollflow.payment.BankStatements;
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
    final BankStatements statements;
    final ObjectMapper json;
    final WebappCaller caller;
    /** The largest upload: the application's one limit, which the engine API's size filter enforces first. */
    final long uploadLimit;

    TasklistServices(LeadImportService imports, LeadImportTemplate template, BankStatements statements,
            ObjectMapper json, WebappCaller caller,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize uploadLimit) {
        this.imports = imports;
        this.template = template;
        this.statements = statements;
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

    /**
     * An uploaded file, the request's body: at most the application's upload limit, read no further (the engine API's
     * size filter refuses a larger body first, 413, and this holds should it not).
     */
    byte[] upload(InputStream body) {
        if (body == null) {
            throw new InvalidInputException("file", "文件为空");
        }
        try (InputStream in = body) {
            byte[] content = in.readNBytes((int) Math.min(uploadLimit + 1, Integer.MAX_VALUE));
            if (content.length > uploadLimit) {
                throw new InvalidInputException("file", "文件超过 " + uploadLimit / 1024 / 1024 + " MB，请拆分后分批上传");
            }
            return content;
        } catch (IOException e) {
            throw new InvalidInputException("file", "文件未能完整上传，请重新选择文件");
        }
    }

    /** Whether the webapp user may import lead lists: the same groups as POST /api/leads/import. */
    boolean callerImportsLeads() {
        return caller.id() != null && ReportAccess.importsLeads(caller.groups());
    }

    /** Whether the webapp user may reconcile bank statements: those who confirm transfers (财务). */
    boolean callerConfirmsPayments() {
        return caller.id() != null && ReportAccess.confirmsPayments(caller.groups());
    }
}
