package com.enrollflow.common;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/** Test only: /api endpoints that fail unexpectedly, with internals in their exception (ErrorAnswersTests). */
@Hidden
@RestController
class FailingTestController {

    static final String PATH = "/api/test-only/failure";
    static final String LOCKED = "/api/test-only/locked";
    static final String SECRET = "secret internal detail of org.camunda.bpm.engine.impl.persistence.Foo";

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException(SECRET, new java.sql.SQLException("relation \"x\" does not exist"));
    }

    /** What Spring makes of a lock wait that timed out or a deadlock the database broke. */
    @GetMapping(LOCKED)
    String locked() {
        throw new org.springframework.dao.CannotAcquireLockException("could not obtain lock on row in relation",
                new java.sql.SQLException("canceling statement due to lock timeout", "55P03"));
    }
}
