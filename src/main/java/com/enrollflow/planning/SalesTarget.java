package com.enrollflow.planning;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A target (销售目标) for a campus, optionally one team and one product line, for a year (2026) or a month (2026-11);
 * each code beside the name staff read. {@code orders} null: no order target was set. Who set it last and when; in
 * the history (目标修改记录) each setting as it was made; the time also as staff read it (Beijing time).
 */
public record SalesTarget(long id, String campusCode, String campusName, String teamId, String teamName,
        String productLine, String productLineLabel, String period, BigDecimal revenue, Integer orders, String setBy,
        String setByName, OffsetDateTime setAt, String setAtShown) {

    SalesTarget withSetByName(String name) {
        return new SalesTarget(id, campusCode, campusName, teamId, teamName, productLine, productLineLabel, period,
                revenue, orders, setBy, name, setAt, setAtShown);
    }
}
