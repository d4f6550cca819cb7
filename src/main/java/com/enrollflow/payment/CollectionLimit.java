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

    /** The rule as 制定方案与报价 shows it before the plan is priced. */
    public String rule() {
        if (!limits()) {
            return "本校区所在城市不限单次收费";
        }
        String most = maxLessons != null && maxMonths != null ? maxLessons + " 课时或 " + maxMonths + " 个月的课时（按每周上课时间"
                + "折算，取较少者）" : maxLessons != null ? maxLessons + " 课时" : maxMonths + " 个月的课时（按每周上课时间折算）";
        return "按预收费监管规定，单次收费不超过 " + most + "；超出的方案不受影响，自动分次收费，每次不超过上限；所选分期已在上限内的按所选收费。";
    }
}
