package com.enrollflow.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.junit.jupiter.api.Test;

import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * With the engine started, the JDK's duration parser is named, so a timer's duration is parsed without searching the
 * class path, and parsed as before; an operator's own choice of factory is kept.
 */
@EnrollFlowTest
class TimerDurationsTests {

    @Test
    void shouldNameTheJdksParserAndParseATimersDurationAsBefore() throws Exception {
        assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        Date start = Date.from(Instant.parse("2026-12-04T08:00:00Z"));
        Date due = new DurationHelper("PT12H", start).getDateAfter(start);
        assertThat(Duration.between(start.toInstant(), due.toInstant())).isEqualTo(Duration.ofHours(12));
        assertThat(DatatypeFactory.newInstance().getClass().getName())
                .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    }

    @Test
    void shouldKeepAFactoryTheOperatorNamed() {
        String before = System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
        try {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, "org.example.TheirFactory");
            assertThat(TimerDurations.nameTheJdkFactory()).isEqualTo("org.example.TheirFactory");
            assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
                    .isEqualTo("org.example.TheirFactory");
        } finally {
            if (before == null) {
                System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
            } else {
                System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, before);
            }
        }
    }
}
