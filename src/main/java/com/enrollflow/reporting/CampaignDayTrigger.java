package com.enrollflow.reporting;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * H2's side of migration V33: keeps {@code campaign_day} equal to a recount of {@code opportunity} on every insert,
 * update and delete — the old row's contribution comes off, the new row's goes on — as the PostgreSQL trigger of the
 * same migration does. Runs in the writing transaction, on its connection.
 */
public class CampaignDayTrigger extends RowTrigger {

    /** The columns campaign_day counts by: an update that changes none of them moves nothing. */
    private static final List<String> COUNTED = List.of("RECEIVED_AT", "CAMPUS_CODE", "CALL_CENTRE", "CHANNEL",
            "CAMPAIGN", "SPLIT_FROM_ID", "RENEWAL_OF_ID", "PAID_AT", "ORDER_VALUE");

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null && newRow != null
                && COUNTED.stream().allMatch(c -> Objects.equals(value(oldRow, c), value(newRow, c)))) {
            return;
        }
        if (oldRow != null) {
            apply(conn, oldRow, -1);
        }
        if (newRow != null) {
            apply(conn, newRow, 1);
        }
    }

    private void apply(Connection conn, Object[] row, int delta) throws SQLException {
        if (value(row, "RENEWAL_OF_ID") != null || value(row, "SPLIT_FROM_ID") != null) {
            return;
        }
        String campus = (String) value(row, "CAMPUS_CODE");
        boolean paid = value(row, "PAID_AT") != null;
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("received_on", day(value(row, "RECEIVED_AT")));
        key.put("campus_code", campus == null ? "" : campus);
        key.put("call_centre", campus == null ? Objects.requireNonNullElse(value(row, "CALL_CENTRE"), "") : "");
        key.put("channel", value(row, "CHANNEL"));
        key.put("campaign_key", campaignKey((String) value(row, "CAMPAIGN")));
        Map<String, Object> deltas = new LinkedHashMap<>();
        deltas.put("leads", (long) delta);
        deltas.put("paid", paid ? (long) delta : 0L);
        deltas.put("revenue", paid ? ((BigDecimal) value(row, "ORDER_VALUE")).multiply(BigDecimal.valueOf(delta))
                : BigDecimal.ZERO);
        addTo(conn, "campaign_day", key, deltas);
    }

    /** lower(trim(campaign)) as SQL has it (trim takes off spaces only); '' for none. */
    static String campaignKey(String campaign) {
        if (campaign == null) {
            return "";
        }
        int start = 0;
        int end = campaign.length();
        while (start < end && campaign.charAt(start) == ' ') {
            start++;
        }
        while (end > start && campaign.charAt(end - 1) == ' ') {
            end--;
        }
        return campaign.substring(start, end).toLowerCase(Locale.ROOT);
    }
}
