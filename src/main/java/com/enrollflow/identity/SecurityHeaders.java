package com.enrollflow.identity;

import java.util.regex.Pattern;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security headers of every response (docs/security.md, item 1): nosniff, X-Frame-Options DENY, a referrer
 * policy, no caching of data, and a Content-Security-Policy that allows nothing to load — /api, /engine-rest,
 * /v3/api-docs and error pages are JSON, never a page. The webapps (Tasklist, Cockpit, Admin) send Camunda's own
 * policy with a fresh script nonce ({@code camunda.bpm.webapp.header-security.*}); Spring Security writes a header
 * only when the response does not carry it yet, so theirs is kept and never doubled.
 */
final class SecurityHeaders {

    /** For JSON answers and error pages: no scripts, styles, frames or forms of any origin. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static final Pattern STATIC_ASSET = Pattern.compile(
            "^/camunda/.*\\.(js|css|woff2?|ttf|eot|svg|png|gif|jpe?g|ico|map)$");

    /** The webapps' scripts, styles and fonts (versioned by `?bust=`) may be cached; data and pages may not. */
    private static final RequestMatcher NOT_STATIC_ASSET = request -> !STATIC_ASSET
            .matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();

    private SecurityHeaders() {
    }

    static void apply(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentTypeOptions(nosniff -> {
        })
                .frameOptions(frame -> frame.deny())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .cacheControl(cache -> cache.disable())
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(NOT_STATIC_ASSET,
                        new CacheControlHeadersWriter()))
                // written only where the webapps' HeaderSecurityFilter has not set its own
                .addHeaderWriter(new ContentSecurityPolicyHeaderWriter(API_POLICY));
    }
}
