package com.enrollflow.identity;

import java.lang.reflect.Field;
import java.util.SortedMap;
import java.util.TreeMap;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses expressions in every query and runs a filter's only as an admin saved them; the engine does neither. */
class QueryExpressionInterceptor extends CommandInterceptor {

    static final String FORBIDDEN = "查询中不允许使用表达式：";
    static final String ADMIN_ONLY = "只有管理员可以保存带表达式的过滤器：";
    static final String UNTRUSTED = "过滤器中的表达式不是管理员保存的，不予执行：";

    private static final Logger log = LoggerFactory.getLogger(QueryExpressionInterceptor.class);

    private static final Field EXECUTED_FILTER_ID = field(AbstractExecuteFilterCmd.class, "filterId");
    private static final Field EXTENDING_QUERY = field(AbstractExecuteFilterCmd.class, "extendingQuery");
    private static final Field SAVED_FILTER = field(SaveFilterCmd.class, "filter");
    private static final Field DELETED_FILTER_ID = field(DeleteFilterCmd.class, "filterId");

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof AbstractQuery<?, ?> query) {
            refuseExpressions(query);
        } else if (command instanceof AbstractExecuteFilterCmd execute) {
            refuseExpressions((Query<?, ?>) read(EXTENDING_QUERY, execute));
            refuseUntrustedFilter((String) read(EXECUTED_FILTER_ID, execute));
        } else if (command instanceof SaveFilterCmd save) {
            return saveFilter(save, command);
        } else if (command instanceof DeleteFilterCmd delete) {
            T result = next.execute(command);
            TrustedFilters.forget(Context.getCommandContext(), (String) read(DELETED_FILTER_ID, delete));
            return result;
        }
        return next.execute(command);
    }

    /** No screen of Tasklist or Cockpit sends one, so a refusal is worth a warning (field names only, not the text). */
    private static void refuseExpressions(Query<?, ?> query) {
        if (query instanceof AbstractQuery<?, ?> q) {
            SortedMap<String, String> expressions = QueryExpressions.of(q);
            if (!expressions.isEmpty()) {
                log.warn("query with expressions refused, user {}: {}",
                        Context.getCommandContext().getAuthenticatedUserId(), expressions.keySet());
                throw new BadUserRequestException(FORBIDDEN + String.join(", ", expressions.keySet()));
            }
        }
    }

    /** A filter row whose expressions are not the ones an admin saved (e.g. edited in the database) never runs. */
    private static void refuseUntrustedFilter(String filterId) {
        CommandContext context = Context.getCommandContext();
        FilterEntity filter = filterId == null ? null : context.getFilterManager().findFilterById(filterId);
        if (filter == null || !(filter.getQuery() instanceof AbstractQuery<?, ?> query)) {
            return; // the command itself reports a missing filter
        }
        SortedMap<String, String> expressions = QueryExpressions.of(query);
        if (!expressions.isEmpty() && !TrustedFilters.isTrusted(context, filterId, expressions)) {
            log.warn("filter {} carries expressions no admin saved ({}); refused", filterId, expressions);
            throw new BadUserRequestException(UNTRUSTED + String.join(", ", expressions.keySet()));
        }
    }

    /** Only an admin, or the system with no user (AccessSetup at start-up), may save a filter with expressions. */
    private <T> T saveFilter(SaveFilterCmd save, Command<T> command) {
        CommandContext context = Context.getCommandContext();
        Filter filter = (Filter) read(SAVED_FILTER, save);
        SortedMap<String, String> expressions = filter != null && filter.getQuery() instanceof AbstractQuery<?, ?> q
                ? QueryExpressions.of(q)
                : new TreeMap<>();
        Authentication user = context.getAuthentication();
        boolean trusted = user == null || context.getAuthorizationManager().isCamundaAdmin(user);
        if (!expressions.isEmpty() && !trusted) {
            throw new BadUserRequestException(ADMIN_ONLY + String.join(", ", expressions.keySet()));
        }
        T result = next.execute(command);
        if (result instanceof Filter saved) {
            if (expressions.isEmpty()) {
                TrustedFilters.forget(context, saved.getId());
            } else {
                TrustedFilters.trust(context, saved.getId(), expressions);
                log.info("filter {} ({}) saved with expressions {} by {}", saved.getId(), saved.getName(),
                        expressions.keySet(), user == null ? "the system" : user.getUserId());
            }
        }
        return result;
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("engine changed: " + type.getName() + "." + name
                    + " is gone; QueryExpressionInterceptor must be revised", e);
        }
    }

    private static Object read(Field field, Object command) {
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
