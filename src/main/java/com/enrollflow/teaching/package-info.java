/**
 * Lessons delivered and consumed (课消): attendance marked by the teacher or academic affairs, whether a lesson is
 * consumed (the DMN table lesson-consumption.dmn, through {@link com.enrollflow.teaching.ConsumptionPolicy}), and the
 * hours ledger per contract line whose invariants the database guarantees.
 */
package com.enrollflow.teaching;
