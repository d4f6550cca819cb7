package com.enrollflow.identity;

import java.util.Arrays;
import java.util.Set;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The postgres (production) profile refuses to start while the admin password is unset or a demo value,
 * before the engine could create an admin with it.
 */
public class AdminPasswordGuard implements EnvironmentPostProcessor {

    static final Set<String> DEMO_VALUES = Set.of("admin", "demo", "password", "camunda", "changeme", "123456");
    static final int MIN_LENGTH = 12;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!Arrays.asList(env.getActiveProfiles()).contains("postgres")) {
            return;
        }
        String password = env.getProperty("camunda.bpm.admin-user.password", "");
        if (password.isBlank() || DEMO_VALUES.contains(password.toLowerCase()) || password.length() < MIN_LENGTH) {
            throw new IllegalStateException("Refusing to start with profile 'postgres': set ENROLLFLOW_ADMIN_PASSWORD "
                    + "to a password of at least " + MIN_LENGTH + " characters that is not a demo value "
                    + "(docs/operations.md)");
        }
    }
}
