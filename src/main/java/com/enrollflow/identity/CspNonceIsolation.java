package com.enrollflow.identity;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Keeps the webapps' CSP nonce per request. Camunda 7.24's header filter stores each response's script nonce as a
 * ServletContext attribute ({@value #NONCE}) and the index page reads it back from there, so two pages loading at the
 * same moment — or a page and its first script requests — swap nonces: the header says one, the page's scripts carry
 * another, and the browser refuses every script (Tasklist stays blank). Measured: 13 of 20 concurrent loads of
 * Tasklist's index mismatched. This filter, in front of Camunda's, gives each request a view of the ServletContext
 * where that one attribute lives on the request; everything else reaches the real context.
 */
@Configuration
class CspNonceIsolation {

    static final String NONCE = "org.camunda.bpm.csp.nonce";

    @Bean
    FilterRegistrationBean<Filter> cspNonceIsolationFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new PerRequestNonce());
        registration.setName("enrollflow-csp-nonce-isolation");
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static final class PerRequestNonce implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (request instanceof HttpServletRequest http) {
                chain.doFilter(new Isolated(http), response);
            } else {
                chain.doFilter(request, response);
            }
        }
    }

    /** The request, with a ServletContext whose nonce attribute is this request's. */
    static final class Isolated extends HttpServletRequestWrapper {

        private final ServletContext context;

        Isolated(HttpServletRequest request) {
            super(request);
            ServletContext real = request.getServletContext();
            this.context = (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                    new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                        if (args != null && args.length > 0 && NONCE.equals(args[0])) {
                            switch (method.getName()) {
                                case "getAttribute":
                                    return request.getAttribute(NONCE);
                                case "setAttribute":
                                    request.setAttribute(NONCE, args[1]);
                                    return null;
                                case "removeAttribute":
                                    request.removeAttribute(NONCE);
                                    return null;
                                default:
                                    break;
                            }
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public ServletContext getServletContext() {
            return context;
        }
    }
}
