package com.enrollflow.common;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of /api as RFC 9457 problem details; bad input lists each field with its problem. An unexpected
 * exception is logged with a correlation id and answered with a generic Chinese message carrying that id: never its
 * message, class name or stack trace (docs/security.md, item 5).
 */
@RestControllerAdvice(basePackages = "com.enrollflow")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    static final URI INVALID_INPUT = URI.create("urn:enrollflow:problem:invalid-input");
    static final URI INTERNAL = URI.create("urn:enrollflow:problem:internal");

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refusal refusal) {
                log.info("refused on {}: {}", where(request), refusal.getMessage());
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refusal.getMessage());
                problem.setTitle("无法办理");
                return problem;
            }
        }
        String id = CorrelationIds.next();
        log.error("unexpected error [{}] on {}", id, where(request), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                CorrelationIds.message(id));
        problem.setType(INTERNAL);
        problem.setTitle("服务器内部错误");
        problem.setProperty("correlationId", id);
        return problem;
    }

    /**
     * Two writers met on the same rows (a lock wait that timed out, a deadlock the database broke, the engine's
     * concurrent change of an instance, which the engine adapters hand on as Spring's optimistic locking failure): the
     * request's transaction was rolled back, so the user is told to try again (409 with Retry-After), not that the
     * server failed.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> concurrent(Exception e, WebRequest request) {
        log.warn("concurrent change on {}: {}", where(request), e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, CONCURRENT_CHANGE);
        problem.setTitle("并发冲突");
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    /** The method and path of a failed request, for the log. */
    private static String where(WebRequest request) {
        return request instanceof ServletWebRequest servlet
                ? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI() : request.toString();
    }

    static final String CONCURRENT_CHANGE = "这些数据正被其他操作同时修改，本次操作未完成，请稍后重试";

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e) {
        return invalid("请求中有字段不正确", e.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("未找到");
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        // the refusals of the rules carry their own status: a 403 is a right the caller lacks, not a conflict
        problem.setTitle(switch (e.status()) {
            case 403 -> "无权操作";
            case 404 -> "未找到";
            case 410 -> "已失效";
            case 422 -> "无法处理";
            default -> "请求冲突";
        });
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        List<FieldProblem> problems = new ArrayList<>();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            problems.add(new FieldProblem(unknown.getPropertyName(), "未知字段"));
        } else if (cause instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && Coded.class.isAssignableFrom(invalid.getTargetType()) && invalid.getValue() instanceof String) {
            String field = path(invalid);
            problems.add(new FieldProblem(field.isEmpty() ? "(body)" : field, invalid.getOriginalMessage()));
        } else if (cause instanceof MismatchedInputException mismatched) {
            String field = path(mismatched);
            problems.add(new FieldProblem(field.isEmpty() ? "(body)" : field, expected(mismatched.getTargetType())));
        } else {
            problems.add(new FieldProblem("(body)", "请求体不是有效的 JSON"));
        }
        return ResponseEntity.badRequest().body(invalid("请求体无法读取", problems));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage())).toList();
        return ResponseEntity.badRequest().body(invalid("请求中有字段不正确", problems));
    }

    /**
     * A request whose path or query parameter and body are both checked (a constraint on the path's id beside a
     * {@code @Valid} body): Spring validates them together and, unanswered, said only "Validation failure" in English
     * (PUT /api/teams/{id} with an empty name). Each field or parameter and its problem, as for a body alone.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (var result : ex.getParameterValidationResults()) {
            if (result instanceof org.springframework.validation.method.ParameterErrors errors) {
                errors.getFieldErrors()
                        .forEach(f -> problems.add(new FieldProblem(f.getField(), f.getDefaultMessage())));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(e -> problems.add(new FieldProblem(
                        name == null ? "(parameter)" : name, e.getDefaultMessage())));
            }
        }
        return ResponseEntity.badRequest().body(invalid("请求中有字段不正确", problems));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return routing(ex, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return routing(ex, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return routing(ex, request);
    }

    /** The routing refusals of a request that reached a controller of ours, in the words of ApiRoutingErrors. */
    private static ResponseEntity<Object> routing(Exception ex, WebRequest request) {
        HttpServletRequest http = ((ServletWebRequest) request).getRequest();
        ResponseEntity<ProblemDetail> answer = ApiRoutingErrors.problem(ex, http.getMethod(), http.getRequestURI());
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).body(answer.getBody());
    }

    /** A query parameter the endpoint needs is missing: the field and 必填, as a form's missing field. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid("请求中有字段不正确",
                List.of(new FieldProblem(ex.getParameterName(), "必填"))));
    }

    /** A query or path parameter that is not of its type (a date, a number): the field and what it should be. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : ex.getPropertyName() == null ? "(parameter)" : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String expected = type == null ? "格式不正确"
                : java.time.LocalDate.class.equals(type) ? "应为日期，格式 YYYY-MM-DD（如 2026-11-30）"
                : wholeNumber(type) ? "应为整数"
                : Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class ? "应为数字"
                : "格式不正确";
        return ResponseEntity.badRequest().body(invalid("请求中有字段不正确", List.of(new FieldProblem(field, expected))));
    }

    /** A count: a fraction is as wrong for it as a word. */
    private static boolean wholeNumber(Class<?> type) {
        return type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class;
    }

    /** What a value of the wrong JSON type should have been, as the field's type says. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "类型不正确";
        }
        if (wholeNumber(type)) {
            return "类型不正确，应为整数";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "类型不正确，应为数字";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "类型不正确，应为 true 或 false";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "类型不正确，应为列表";
        }
        if (type == String.class || Coded.class.isAssignableFrom(type) || java.time.temporal.Temporal.class
                .isAssignableFrom(type)) {
            return "类型不正确，应为文本";
        }
        return "类型不正确，应为对象";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static ProblemDetail invalid(String detail, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID_INPUT);
        problem.setTitle("输入有误");
        problem.setProperty("errors", problems);
        return problem;
    }
}
