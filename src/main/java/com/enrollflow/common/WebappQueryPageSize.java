package com.enrollflow.common;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cockpit sends some list queries of the webapps' engine API without a page size: a definition's versions (the
 * 定义版本 choice of a process or decision page) and the groups of 人工任务. With the engine's result limit
 * ({@code queryMaxResultsLimit}, decision 52) the engine refuses any such query of a logged-in user; Cockpit then
 * counts and asks page by page, but every such page left refused requests behind (decision 653). Such a query of the
 * webapps' API ({@link #UNPAGED_LISTS}) without {@code maxResults} is asked for the limit's page instead: the same
 * bound, answered at once. The engine REST API ({@code /engine-rest}) of scripts and API clients keeps the refusal:
 * they page. The engine reads the page size from the query string (its REST resources' query parameters).
 */
@Component
class WebappQueryPageSize extends OncePerRequestFilter {

    private final int limit;

    WebappQueryPageSize(
            @Value("${camunda.bpm.generic-properties.properties.query-max-results-limit:2000}") int limit) {
        this.limit = limit;
    }

    /**
     * The lists Cockpit asks for without a page size: a definition's versions and the groups of 人工任务. Only
     * those: another resource may have its own page limit (the metrics' intervals: 200 rows), and a page of 2000 would
     * be refused there.
     */
    static final Pattern UNPAGED_LISTS = Pattern.compile("^/camunda/api/engine/engine/[^/]+/"
            + "(?:process-definition|decision-definition|decision-requirements-definition|case-definition|group)$");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !UNPAGED_LISTS.matcher(path).matches() || asksForPageSize(request.getQueryString());
    }

    /** Whether the query string names {@code maxResults} (decoded, as the REST API reads its parameters). */
    static boolean asksForPageSize(String query) {
        return query != null && Arrays.stream(query.split("&")).map(pair -> decoded(pair.split("=", 2)[0]))
                .anyMatch("maxResults"::equals);
    }

    /** A parameter's name decoded; a malformed one (%zz) as sent, for the REST API to answer. */
    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        String paged = (query == null || query.isEmpty() ? "" : query + "&") + "maxResults=" + limit;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getQueryString() {
                return paged;
            }
        }, response);
    }
}
