package com.enrollflow.payment;

/**
 * Port to the process owner's table bpmn/collection-limit.dmn (确定单次收费上限): the collection limit of the city a
 * campus is in. Read when a plan is priced; the limit is then kept with the sale's terms, so a later change of the
 * table never changes what a family was shown.
 */
public interface CollectionLimits {

    String DECISION_KEY = "collectionLimit";

    /**
     * The limit for a campus in {@code city} (北京, 上海). A table without a rule for the city refuses
     * ({@link com.enrollflow.common.ConflictException}, 409) instead of guessing.
     */
    CollectionLimit forCity(String city);
}
