package com.enrollflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** EnrollFlow: the enrollment (报名签约) process application. */
@SpringBootApplication
public class EnrollFlowApplication {

    public static void main(String[] args) {
        SpringApplication.run(EnrollFlowApplication.class, args);
    }
}
