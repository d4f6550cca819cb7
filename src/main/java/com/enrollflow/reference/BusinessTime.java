package com.enrollflow.reference;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The institution's campuses all keep Beijing time; lesson times, due dates and contract years are read in it. */
public final class BusinessTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private BusinessTime() {
    }

    /** The calendar day a moment falls on in Beijing (a contract's issue day, a report's day). */
    public static LocalDate dateOf(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).toLocalDate();
    }

    /** A moment as staff read it in Tasklist, mails and on the timeline: 2026-12-03 10:00, Beijing time. */
    public static String shown(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).format(SHOWN);
    }
}
