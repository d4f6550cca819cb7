package com.enrollflow.payment;

/**
 * The regulator's collection limit (单次收费上限, 预收费监管) of a campus's city: one payment collects at most
 * {@code maxLessons} lessons or {@code maxMonths} months of lessons, whichever is fewer; null is no limit in that
 * dimension. From the process owner's table bpmn/collection-limit.dmn (确定单次收费上限).
 */
public record CollectionLimit(Integer maxLessons, Integer maxMonths) {

    /** A sale priced before the limit was recorded, or a city whose table row limits nothing. */
    public static final CollectionLimit NONE = new CollectionLimit(null, null);

    public CollectionLimit {
        if (maxLessons != null && maxLessons < 1 || maxMonths != null && maxMonths < 1) {
            throw new IllegalArgumentException("a collection limit is at least 1 lesson and 1 month: " + maxLessons
                    + " / " + maxMonths);
        }
    }

    public boolean limits() {
        return maxLessons != null || maxMonths != null;
    }
}
