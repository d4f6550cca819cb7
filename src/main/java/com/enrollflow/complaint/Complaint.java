package com.enrollflow.complaint;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A complaint or service request (投诉/服务请求); {@code complaintNo} (TS000012) is its public id. */
public record Complaint(long id, String complaintNo, long customerId, Long opportunityId, String campusCode,
        ComplaintCategory category, ComplaintSeverity severity, String description, String handlerGroup,
        String status, OffsetDateTime responseDue, OffsetDateTime resolutionDue, OffsetDateTime respondedAt,
        OffsetDateTime resolvedAt, String resolution, String callbackOutcome, Integer satisfaction, String createdBy,
        OffsetDateTime createdAt, OffsetDateTime closedAt) {

    @JsonProperty("categoryLabel")
    public String categoryLabel() {
        return category.label();
    }

    @JsonProperty("severityLabel")
    public String severityLabel() {
        return severity.label();
    }

    @JsonProperty("statusLabel")
    public String statusLabel() {
        return switch (status) {
            case "OPEN" -> "处理中";
            case "RESOLVED" -> "已处理，待回访";
            default -> "已结案";
        };
    }

    static String number(long id) {
        return String.format("TS%06d", id);
    }
}
