package com.enrollflow.common;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/** Test only: an /api endpoint that fails unexpectedly, with internals in its exception (ErrorAnswersTests). */
@Hidden
@RestController
class FailingTestController {

    static final String PATH = "/api/test-only/failure";
    static final String SECRET = "secret internal detail of org.camunda.bpm.engine.impl.persistence.Foo";

    @GetMapping(PATH)
    String fail() {
        throw new IllegalStateException(SECRET, new java.sql.SQLException("relation \"x\" does not exist"));
    }
}
