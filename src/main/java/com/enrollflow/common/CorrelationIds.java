package com.enrollflow.common;

import java.util.UUID;

/**
 * A short id that ties a generic error answer to the full entry in the log: the API's problem details and the families'
 * survey page (which answers in HTML) give it to the user to quote.
 */
public final class CorrelationIds {

    private CorrelationIds() {
    }

    public static String next() {
        return UUID.randomUUID().toString().substring(0, 13);
    }

    public static String message(String id) {
        return "服务器内部错误，请稍后重试；如仍失败，请联系管理员并提供错误编号 " + id;
    }
}
