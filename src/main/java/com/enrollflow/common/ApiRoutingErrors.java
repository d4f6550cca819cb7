package com.enrollflow.common;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The refusals Spring makes before any controller of ours is chosen — a path /api does not have, a method or a
 * content type an endpoint does not take — in the house's Chinese problem details, for /api only (they used to be
 * Spring Boot's English "Not Found", "Method Not Allowed"). {@link ApiExceptionHandler} covers the requests that reach
 * a controller of ours and answers the same refusals with the same words ({@link #problem}). Other paths keep
 * Spring's own answers: the exception goes on to the next resolver.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiRoutingErrors {

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ProblemDetail> routing(Exception e, HttpServletRequest request) throws Exception {
        if (!request.getRequestURI().startsWith("/api/")) {
            throw e;
        }
        return problem(e, request.getMethod(), request.getRequestURI());
    }

    /** A routing refusal of an /api request in Chinese, with the header that says what would have been taken. */
    static ResponseEntity<ProblemDetail> problem(Exception e, String method, String path) {
        if (e instanceof HttpRequestMethodNotSupportedException m) {
            String allowed = m.getSupportedHttpMethods() == null ? ""
                    : m.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
                    path + " 不支持 " + method + (allowed.isEmpty() ? "" : "，可用：" + allowed));
            problem.setTitle("不支持的请求方法");
            HttpHeaders headers = new HttpHeaders();
            if (m.getSupportedHttpMethods() != null) {
                headers.setAllow(m.getSupportedHttpMethods());
            }
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(problem);
        }
        if (e instanceof HttpMediaTypeNotSupportedException t) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "请求体应为 " + MediaType.toString(t.getSupportedMediaTypes()) + "（收到 "
                            + (t.getContentType() == null ? "无 Content-Type" : t.getContentType().toString()) + "）");
            problem.setTitle("不支持的内容类型");
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        if (e instanceof HttpMediaTypeNotAcceptableException a) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_ACCEPTABLE,
                    "无法按 Accept 所要求的格式回答，可用：" + MediaType.toString(a.getSupportedMediaTypes()));
            problem.setTitle("无法提供所要求的格式");
            return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "没有这个接口：" + method + " " + path);
        problem.setTitle("未找到");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
