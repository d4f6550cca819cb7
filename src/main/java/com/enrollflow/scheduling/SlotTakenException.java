package com.enrollflow.scheduling;

import java.time.OffsetDateTime;

/** A booking slot is already held by another lesson: the primary key of booking_slot refused the insert. */
class SlotTakenException extends RuntimeException {

    private final ResourceType type;
    private final String resourceId;
    private final OffsetDateTime slotStart;

    SlotTakenException(ResourceType type, String resourceId, OffsetDateTime slotStart, Throwable cause) {
        super(type + " " + resourceId + " is already booked at " + slotStart, cause);
        this.type = type;
        this.resourceId = resourceId;
        this.slotStart = slotStart;
    }

    ResourceType type() {
        return type;
    }

    String resourceId() {
        return resourceId;
    }

    OffsetDateTime slotStart() {
        return slotStart;
    }
}
