package com.enrollflow.common;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class TimeConfig {

    /** One clock for every business timestamp, so tests can reason about time. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
