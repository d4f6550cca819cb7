package com.enrollflow.quality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * 质检报表: the quality reviews of the weeks that begin in the period (a week counts by its Monday), per campus and per
 * staff member whose work was sampled. {@code average} is the mean score of the scored items, null ("no data") when
 * none is scored yet; {@code low} the scores at or below the week's coaching line; {@code awaitingCoaching} = low −
 * coached − withdrawn.
 */
public record QualityReport(LocalDate from, LocalDate to, String campus, Figures total, List<Row> byCampus,
        List<Row> byStaff) {

    /** One slice: its code (campus code, or user id), the name staff read, and the campus (a person's row). */
    public record Row(String key, String name, String campusName, Figures figures) {
    }

    public record Figures(long sampled, long scored, BigDecimal average, long low, long coached, long withdrawn,
            long awaitingScore, long awaitingCoaching) {
    }
}
