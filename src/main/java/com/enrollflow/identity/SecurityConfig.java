package com.enrollflow.identity;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import com.enrollflow.reference.StaffRole;

/**
 * /api and /engine-rest need a user (HTTP Basic against the Camunda users) and answer 401 without one.
 * The webapps (/camunda/**) keep their own session login and CSRF protection.
 */
@Configuration
class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        return http.securityMatcher("/api/**", "/actuator/**")
                .authenticationProvider(users)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/leads/import").hasAnyAuthority(ApiRoles.IMPORT_LEADS)
                        .requestMatchers(HttpMethod.GET, "/api/leads/import/template")
                        .hasAnyAuthority(ApiRoles.IMPORT_LEADS)
                        .requestMatchers(HttpMethod.POST, "/api/leads").hasAnyAuthority(ApiRoles.RECEIVE_LEADS)
                        .requestMatchers(HttpMethod.POST, "/api/customers/*/erasure")
                        .hasAnyAuthority(ApiRoles.ERASE_CUSTOMERS)
                        .requestMatchers(HttpMethod.PUT, "/api/customers/*/student-birth-date")
                        .hasAnyAuthority(ApiRoles.CORRECT_CUSTOMERS)
                        .requestMatchers("/api/customers/**").hasAnyAuthority(ApiRoles.READ_CUSTOMERS)
                        .requestMatchers(HttpMethod.GET, "/api/teams/**", "/api/opportunities/*/assignments")
                        .hasAnyAuthority(ApiRoles.READ_TEAMS)
                        .requestMatchers(HttpMethod.GET, "/api/price-list").hasAnyAuthority(ApiRoles.READ_PRICES)
                        .requestMatchers(HttpMethod.POST, "/api/quotes/preview").hasAnyAuthority(ApiRoles.MAKE_QUOTES)
                        .requestMatchers(HttpMethod.GET, "/api/quotes/*").hasAnyAuthority(ApiRoles.READ_QUOTES)
                        // 退费试算: who takes a refund request (customer service, front desk) and who approves or pays it
                        .requestMatchers(HttpMethod.GET, "/api/contracts/*/refund-preview",
                                "/api/contracts/*/class-withdrawal-preview", "/api/contracts/*/lesson-refund-preview")
                        .hasAnyAuthority(ApiRoles.PREVIEW_REFUNDS)
                        .requestMatchers(HttpMethod.POST, "/api/refunds", "/api/refunds/*/cancellation")
                        .hasAnyAuthority(ApiRoles.REQUEST_REFUNDS)
                        .requestMatchers(HttpMethod.POST, "/api/invoices").hasAnyAuthority(ApiRoles.REQUEST_INVOICES)
                        .requestMatchers(HttpMethod.POST, "/api/invoices/*/reversal")
                        .hasAnyAuthority(ApiRoles.REVERSE_INVOICES)
                        .requestMatchers(HttpMethod.GET, "/api/invoices", "/api/invoices/*")
                        .hasAnyAuthority(ApiRoles.READ_INVOICES)
                        .requestMatchers(HttpMethod.GET, "/api/refunds", "/api/refunds/*", "/api/refunds/*/agreement")
                        .hasAnyAuthority(ApiRoles.READ_REFUNDS)
                        .requestMatchers(HttpMethod.POST, "/api/contracts/*/suspensions")
                        .hasAnyAuthority(ApiRoles.SUSPEND)
                        .requestMatchers(HttpMethod.GET, "/api/suspensions/*").hasAnyAuthority(ApiRoles.READ_SUSPENSIONS)
                        .requestMatchers(HttpMethod.POST, "/api/contracts/*/transfers",
                                "/api/contracts/*/class-transfers")
                        .hasAnyAuthority(ApiRoles.TRANSFER)
                        .requestMatchers(HttpMethod.GET, "/api/contracts/*/transfers", "/api/transfers/*")
                        .hasAnyAuthority(ApiRoles.READ_TRANSFERS)
                        .requestMatchers(HttpMethod.POST, "/api/contracts/*/renewals")
                        .hasAnyAuthority(ApiRoles.RENEW)
                        .requestMatchers(HttpMethod.GET, "/api/contracts/*/renewals", "/api/renewals/*")
                        .hasAnyAuthority(ApiRoles.READ_RENEWALS)
                        .requestMatchers(HttpMethod.POST, "/api/contracts/*/teacher-changes",
                                "/api/teacher-changes/*/withdrawal")
                        .hasAnyAuthority(ApiRoles.CHANGE_TEACHER)
                        .requestMatchers(HttpMethod.GET, "/api/contracts/*/teacher-changes", "/api/teacher-changes/*")
                        .hasAnyAuthority(ApiRoles.READ_TEACHER_CHANGES)
                        .requestMatchers(HttpMethod.GET, "/api/complaints/*")
                        .hasAnyAuthority(ApiRoles.READ_COMPLAINTS)
                        .requestMatchers(HttpMethod.GET, "/api/sales-targets", "/api/sales-targets/history")
                        .hasAnyAuthority(ApiRoles.READ_REPORTS)
                        .requestMatchers("/api/sales-targets").hasAnyAuthority(ApiRoles.SET_TARGETS)
                        .requestMatchers(HttpMethod.GET, "/api/campaigns").hasAnyAuthority(ApiRoles.READ_REPORTS)
                        .requestMatchers("/api/campaigns", "/api/campaigns/*").hasAnyAuthority(ApiRoles.MANAGE_CAMPAIGNS)
                        .requestMatchers("/api/contracts", "/api/contracts/**")
                        .hasAnyAuthority(ApiRoles.READ_CONTRACTS)
                        // 出勤登记: the lesson's teacher or academic affairs (Attendance checks which lesson)
                        .requestMatchers(HttpMethod.POST, "/api/lessons/*/attendance")
                        .hasAnyAuthority(ApiRoles.MARK_ATTENDANCE)
                        .requestMatchers(HttpMethod.POST, "/api/classes", "/api/classes/*/enrolment-closing",
                                "/api/classes/*/changes")
                        .hasAnyAuthority(ApiRoles.OPEN_CLASSES)
                        .requestMatchers(HttpMethod.POST, "/api/price-list/rates", "/api/price-list/promotions",
                                "/api/price-list/packages", "/api/price-list/rates/import",
                                "/api/price-list/promotions/*/ending")
                        .hasAnyAuthority(ApiRoles.SET_PRICES)
                        .requestMatchers(HttpMethod.GET, "/api/schedules/**", "/api/lessons/**", "/api/teachers/**",
                                "/api/rooms/**", "/api/classes/*", "/api/classes/*/changes")
                        .hasAnyAuthority(ApiRoles.READ_SCHEDULES)
                        .requestMatchers("/api/schedules/**", "/api/lessons/**", "/api/teachers/**", "/api/rooms/**")
                        .hasAnyAuthority(ApiRoles.SCHEDULE)
                        // the gateway authenticates each callback by its HMAC signature (GatewaySignature)
                        .requestMatchers(HttpMethod.POST, "/api/payments/gateway/callback").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/payments/*/confirmation",
                                "/api/payments/bank-statements").hasAnyAuthority(ApiRoles.CONFIRM_PAYMENTS)
                        .requestMatchers(HttpMethod.POST, "/api/payment-orders/*/payments")
                        .hasAnyAuthority(ApiRoles.TAKE_PAYMENTS)
                        .requestMatchers(HttpMethod.GET, "/api/payment-orders", "/api/payment-orders/*",
                                "/api/payments/*/receipt").hasAnyAuthority(ApiRoles.READ_PAYMENTS)
                        .requestMatchers("/api/teams/**", "/api/opportunities/**").hasAnyAuthority(ApiRoles.MANAGE_TEAMS)
                        .requestMatchers(HttpMethod.GET, "/api/reports/custodial-balance")
                        .hasAnyAuthority(ApiRoles.READ_CUSTODIAL_BALANCE)
                        .requestMatchers(HttpMethod.GET, "/api/reports/service-levels",
                                "/api/reports/service-levels/overdue-tasks")
                        .hasAnyAuthority(ApiRoles.READ_SERVICE_LEVELS)
                        .requestMatchers(HttpMethod.GET, "/api/reports/credit", "/api/reports/quality")
                        .hasAnyAuthority(ApiRoles.READ_CREDIT)
                        .requestMatchers("/api/reports/funnel/opportunities", "/api/reports/funnel/opportunities/**",
                                "/api/reports/sales-process/stuck", "/api/reports/renewals/families",
                                "/api/reports/satisfaction/low-scores", "/api/reports/referrals")
                        .hasAnyAuthority(ApiRoles.READ_FUNNEL_OPPORTUNITIES)
                        .requestMatchers("/api/reports/**").hasAnyAuthority(ApiRoles.READ_REPORTS)
                        .requestMatchers("/actuator/**").hasAuthority(StaffRole.ADMIN_GROUP)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("EnrollFlow").authenticationEntryPoint(unauthorized()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // stateless Basic auth: no cookie to ride on
                .headers(SecurityHeaders::apply)
                .build();
    }

    /**
     * Everything else (webapps, /engine-rest, OpenAPI document, error pages) is authenticated elsewhere (Camunda's
     * own filters) but gets the same security headers; the webapps keep their own CSRF protection.
     */
    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(SecurityHeaders::apply)
                .build();
    }

    /** Camunda's own Basic authentication for /engine-rest, so engine authorizations apply per user. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> filter = new FilterRegistrationBean<>();
        filter.setName("camunda-auth");
        filter.setFilter(new ProcessEngineAuthenticationFilter());
        filter.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        filter.addUrlPatterns("/engine-rest/*");
        return filter;
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"EnrollFlow\"");
            problem(response, HttpServletResponse.SC_UNAUTHORIZED, "未登录", "需要用户名和密码（HTTP Basic）");
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> problem(response, HttpServletResponse.SC_FORBIDDEN, "无权限",
                "当前用户的角色不能执行此操作");
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)));
    }
}
