package com.enrollflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** EnrollFlow: the enrollment (报名签约) process application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EnrollFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(EnrollFlowApplication.class, args);
    }
}
