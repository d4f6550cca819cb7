package com.enrollflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Deploys files the way Camunda Modeler's "Deploy" button does: a multipart POST to /engine-rest/deployment/create
 * with a deployment name, the source "Camunda Modeler" and one part per file, as the given user.
 */
public final class ModelerDeploy {

    private ModelerDeploy() {
    }

    public static ResponseEntity<String> deploy(TestRestTemplate http, String user, String password, String name,
            Map<String, String> files) {
        return deploy(http, user, password, name, null, files);
    }

    public static ResponseEntity<String> deploy(TestRestTemplate http, String user, String password, String name,
            String tenantId, Map<String, String> files) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", name);
        parts.add("deployment-source", "Camunda Modeler");
        if (tenantId != null) {
            parts.add("tenant-id", tenantId);
        }
        files.forEach((fileName, content) -> parts.add(fileName,
                new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return fileName;
                    }
                }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.withBasicAuth(user, password).exchange("/engine-rest/deployment/create", HttpMethod.POST,
                new HttpEntity<>(parts, headers), String.class);
    }
}
