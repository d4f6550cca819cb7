package com.enrollflow.cockpit;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.QueryParam;

import com.enrollflow.common.InvalidInputException;
import com.enrollflow.reporting.Funnels;

/**
 * The funnel's filters as the board sends them (the query of every funnel-based section), read once: days as
 * yyyy-MM-dd, the rest as the caller typed them, checked by {@link Funnels}.
 */
public class BoardFilter {

    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    @QueryParam("campus")
    String campus;
    @QueryParam("channel")
    String channel;
    @QueryParam("productLine")
    String productLine;
    @QueryParam("campaign")
    String campaign;
    @QueryParam("team")
    String team;
    @QueryParam("consultant")
    String consultant;

    public BoardFilter() {
    }

    Funnels.Filter filter() {
        return new Funnels.Filter(date("from", from), date("to", to), campus, channel, campaign, productLine, team,
                consultant);
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "日期格式应为 yyyy-MM-dd");
        }
    }
}
