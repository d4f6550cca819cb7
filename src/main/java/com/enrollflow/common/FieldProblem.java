package com.enrollflow.common;

/** One bad field of a request: which field, and what is wrong with it (in Chinese, for staff). */
public record FieldProblem(String field, String message) {
}
