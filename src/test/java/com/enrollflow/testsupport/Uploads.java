package com.enrollflow.testsupport;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** A file sent as a browser or a finance tool sends it to the API's imports: one multipart part {@code file}. */
public final class Uploads {

    private Uploads() {
    }

    /** The request body of an upload of {@code content} under the file name {@code fileName}. */
    public static HttpEntity<MultiValueMap<String, Object>> file(String fileName, byte[] content) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return new HttpEntity<>(parts, headers);
    }
}
