package com.enrollflow.reference;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The institution's campuses all keep Beijing time; lesson times, due dates and contract years are read in it. */
public final class BusinessTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BusinessTime() {
    }

    /** The calendar day a moment falls on in Beijing (a contract's issue day, a report's day). */
    public static LocalDate dateOf(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).toLocalDate();
    }
}
