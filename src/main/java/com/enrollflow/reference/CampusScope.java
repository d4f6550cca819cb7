package com.enrollflow.reference;

/**
 * The acting user's data scope, answered from their campus memberships (identity: one Camunda tenant per campus
 * and per call centre). Domain code asks here; it never looks at users, groups or tenants itself.
 */
public interface CampusScope {

    /** The scope of whoever is acting now: the /api caller, the engine's authenticated user, or the system. */
    Scope current();

    /**
     * The call centre a lead without a campus belongs to: the receiving user's own call centre when they work in
     * one, else the institution's default intake call centre.
     */
    String intakeCallCentre(String userId);
}
