package com.enrollflow.reference;

import java.time.ZoneId;

/** The institution's campuses all keep Beijing time; lesson times, due dates and contract years are read in it. */
public final class BusinessTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BusinessTime() {
    }
}
