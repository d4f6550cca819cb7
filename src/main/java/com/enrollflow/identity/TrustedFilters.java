package com.enrollflow.identity;

import java.util.SortedMap;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.PropertyEntity;

/** Records which expressions an admin or the system saved in a filter, so a row edited elsewhere cannot run others. */
final class TrustedFilters {

    /** Property name prefix; with a 36-character filter id the name stays within ACT_GE_PROPERTY's 64. */
    static final String PREFIX = "enrollflow.filter.";

    private TrustedFilters() {
    }

    static void trust(CommandContext context, String filterId, SortedMap<String, String> expressions) {
        String fingerprint = QueryExpressions.fingerprint(expressions);
        PropertyEntity record = context.getPropertyManager().findPropertyById(PREFIX + filterId);
        if (record == null) {
            context.getDbEntityManager().insert(new PropertyEntity(PREFIX + filterId, fingerprint));
        } else if (!fingerprint.equals(record.getValue())) {
            record.setValue(fingerprint);
        }
    }

    static void forget(CommandContext context, String filterId) {
        PropertyEntity record = context.getPropertyManager().findPropertyById(PREFIX + filterId);
        if (record != null) {
            context.getDbEntityManager().delete(record);
        }
    }

    /** True when an admin or the system saved exactly these expressions in this filter. */
    static boolean isTrusted(CommandContext context, String filterId, SortedMap<String, String> expressions) {
        PropertyEntity record = context.getPropertyManager().findPropertyById(PREFIX + filterId);
        return record != null && QueryExpressions.fingerprint(expressions).equals(record.getValue());
    }
}
