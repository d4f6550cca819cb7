package com.enrollflow.marketing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.enrollflow.reference.Channel;

/** A campaign (市场活动) as marketing recorded it; {@code cost} null while not recorded. */
public record Campaign(long id, String name, Channel channel, String channelLabel, String campusCode,
        LocalDate startsOn, LocalDate endsOn, BigDecimal cost, String createdBy, OffsetDateTime createdAt,
        String updatedBy, OffsetDateTime updatedAt) {
}
