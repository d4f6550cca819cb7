package com.enrollflow.survey;

import java.time.OffsetDateTime;

/** A survey sent to a family, with its answer once given (ratings 1–5). */
public record Survey(long id, long contractId, long opportunityId, long customerId, String campusCode,
        String teacherId, String teacherName, SurveyOccasion occasion, String occasionLabel, OffsetDateTime createdAt,
        OffsetDateTime expiresAt, OffsetDateTime sentAt, OffsetDateTime answeredAt, Integer teacherRating,
        Integer courseRating, Integer serviceRating, String comment) {

    public boolean answered() {
        return answeredAt != null;
    }
}
