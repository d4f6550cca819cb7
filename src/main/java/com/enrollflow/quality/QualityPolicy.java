package com.enrollflow.quality;

/** The process owner's table quality-sample.dmn: how much of a campus's week to review, and what score is low. */
public interface QualityPolicy {

    /** The plan for a campus with {@code itemCount} finished items last week. */
    Plan planFor(String campusCode, int itemCount);

    /**
     * {@code percent} of the items, at least {@code minimum} and at most {@code maximum} (never more than there are);
     * a score at or below {@code coachingScore} needs coaching.
     */
    record Plan(int percent, int minimum, int maximum, int coachingScore) {

        public int sampleSize(int itemCount) {
            int share = (int) Math.ceil(itemCount * percent / 100.0);
            return Math.min(itemCount, Math.min(maximum, Math.max(minimum, share)));
        }
    }
}
