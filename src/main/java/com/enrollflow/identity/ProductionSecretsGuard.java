package com.enrollflow.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Outside the explicit {@code demo} profile the application refuses to start, before the engine could create an
 * admin with a guessable password, while a secret is missing or a demo value: the admin password
 * ({@code ENROLLFLOW_ADMIN_PASSWORD}), the payment gateway's signing secret ({@code ENROLLFLOW_GATEWAY_SECRET}) and,
 * with profile {@code postgres}, the database password ({@code ENROLLFLOW_DB_PASSWORD}). Every missing one is named
 * in the one message, so an operator fixes them in one go. The admin password must also pass Camunda's password
 * policy (密码策略, on for every user, decision 658), or the engine would refuse to create the admin after the start.
 */
public class ProductionSecretsGuard implements EnvironmentPostProcessor {

    static final String DEMO_PROFILE = "demo";
    static final Set<String> DEMO_VALUES = Set.of("admin", "demo", "password", "camunda", "changeme", "123456",
            "demo-gateway-secret-change-me", "demo-survey-secret-change-me-0123456789");
    static final int MIN_ADMIN_PASSWORD = 12;
    static final int MIN_GATEWAY_SECRET = 16;
    static final int MIN_SURVEY_SECRET = 32;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        List<String> profiles = Arrays.asList(env.getActiveProfiles());
        if (profiles.contains(DEMO_PROFILE)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String admin = env.getProperty("camunda.bpm.admin-user.password", "");
        List<String> unmet = unmetPolicy(admin, env.getProperty("camunda.bpm.admin-user.id", "admin"),
                env.getProperty("camunda.bpm.admin-user.first-name"),
                env.getProperty("camunda.bpm.admin-user.last-name"));
        if (weak(admin, MIN_ADMIN_PASSWORD) || !unmet.isEmpty()) {
            problems.add("ENROLLFLOW_ADMIN_PASSWORD (the Camunda admin's password: at least " + MIN_ADMIN_PASSWORD
                    + " characters, not a demo value, with a lower-case and an upper-case letter, a digit and a "
                    + "special character, and without the user's id or name" + (unmet.isEmpty() ? ""
                            : "; by the password policy it needs " + String.join(", ", unmet)) + ")");
        }
        String gateway = env.getProperty("enrollflow.payment.gateway-secret", "");
        if (weak(gateway, MIN_GATEWAY_SECRET)) {
            problems.add("ENROLLFLOW_GATEWAY_SECRET (signs payment gateway callbacks: at least " + MIN_GATEWAY_SECRET
                    + " characters, not a demo value)");
        }
        if (weak(env.getProperty("enrollflow.survey.token-secret", ""), MIN_SURVEY_SECRET)) {
            problems.add("ENROLLFLOW_SURVEY_SECRET (signs the families' survey links: at least " + MIN_SURVEY_SECRET
                    + " characters, not a demo value)");
        }
        if (profiles.contains("postgres") && env.getProperty("spring.datasource.password", "").isBlank()) {
            problems.add("ENROLLFLOW_DB_PASSWORD (the PostgreSQL user's password)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start without the demo profile: set "
                    + String.join("; ", problems) + ". For a local trial with demo users and demo passwords, start "
                    + "with the profile 'demo' (mvn spring-boot:run -Dspring-boot.run.profiles=demo); see "
                    + "docs/operations.md");
        }
    }

    /** English words for the rules of Camunda's password policy, by the placeholder the webapps translate. */
    private static final Map<String, String> RULES = Map.of(
            "PASSWORD_POLICY_LENGTH", "at least %s characters",
            "PASSWORD_POLICY_MAX_LENGTH", "at most %s characters",
            "PASSWORD_POLICY_LOWERCASE", "at least %s lower-case letter",
            "PASSWORD_POLICY_UPPERCASE", "at least %s upper-case letter",
            "PASSWORD_POLICY_DIGIT", "at least %s digit",
            "PASSWORD_POLICY_SPECIAL", "at least %s special character",
            "PASSWORD_POLICY_USER_DATA", "no user id or name in it");

    /** The rules of the staff password policy the admin's password breaks, in words. */
    static List<String> unmetPolicy(String password, String userId, String firstName, String lastName) {
        UserEntity user = new UserEntity(userId);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        List<String> unmet = new ArrayList<>();
        for (PasswordPolicyRule rule : new StaffPasswordPolicy.Policy().getRules()) {
            if (!rule.execute(password, user)) {
                String words = RULES.getOrDefault(rule.getPlaceholder(), rule.getPlaceholder());
                Map<String, String> parameters = rule.getParameters() == null ? Map.of() : rule.getParameters();
                unmet.add(String.format(words, parameters.values().stream().findFirst().orElse("")));
            }
        }
        return unmet;
    }

    private static boolean weak(String secret, int minLength) {
        return secret.isBlank() || secret.length() < minLength || DEMO_VALUES.contains(secret.toLowerCase());
    }
}
