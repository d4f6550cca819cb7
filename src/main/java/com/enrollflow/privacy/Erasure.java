package com.enrollflow.privacy;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The audit record of one erasure (删除记录): who asked, why, when it was done and how many rows of each table (or
 * engine records) were blanked or removed. It never holds the erased data.
 */
public record Erasure(long id, long customerId, ErasureTrigger trigger, String triggerLabel, String reason,
        String requestedBy, OffsetDateTime executedAt, Map<String, Integer> erasedCounts) {
}
