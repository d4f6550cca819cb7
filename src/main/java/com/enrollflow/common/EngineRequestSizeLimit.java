package com.enrollflow.common;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The engine REST API and the webapps' API read a request's whole body into memory (a deployment's files, a form's
 * variables) before they check who sent it, and Spring's multipart limit does not reach them: any logged-in user, a
 * teacher without a deployment right, exhausted the heap with one 250 MB post to {@code /engine-rest/deployment/create}.
 * A body over the application's upload limit ({@code spring.servlet.multipart.max-request-size}, 10 MB) is refused
 * with 413 before anything reads it: by its declared length, or, sent in chunks, when the reading passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class EngineRequestSizeLimit extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(EngineRequestSizeLimit.class);

    static final String TOO_LARGE = "请求内容过大：最多 %d MB（部署文件、表单提交等）";

    private final long limit;

    EngineRequestSizeLimit(@Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !EngineErrorBodies.engineApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            log.warn("{} {} refused: body of {} bytes over {}", request.getMethod(), request.getRequestURI(),
                    request.getContentLengthLong(), limit);
            // the client may still be sending: close the connection rather than read what it sends
            response.setHeader("Connection", "close");
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(("{\"type\":\"RequestTooLarge\",\"message\":\""
                    + TOO_LARGE.formatted(limit / (1024 * 1024)) + "\"}").getBytes(StandardCharsets.UTF_8));
            response.flushBuffer();
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, limit) : request, response);
    }

    /** A body without a declared length, cut off when its reading passes the limit. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        count(Math.max(n, 0));
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > limit) {
                            throw new IOException(TOO_LARGE.formatted(limit / (1024 * 1024)));
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
