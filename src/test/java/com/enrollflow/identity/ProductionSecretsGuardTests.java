package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

class ProductionSecretsGuardTests {

    private static final String ADMIN = "k7#Vq9!mZp2L-x";
    private static final String GATEWAY = "f3a9c1e7b5d24680aa";
    private static final String DB = "db-secret";

    private final ProductionSecretsGuard guard = new ProductionSecretsGuard();
    private static final String SURVEY = "a-real-survey-link-secret-of-40-characters";

    @ParameterizedTest
    @ValueSource(strings = {"", "demo-survey-secret-change-me-0123456789", "only-31-characters-long-secret!"})
    void shouldRefuseToStartWithoutARealSurveySecret(String secret) {
        MockEnvironment env = env(ADMIN, GATEWAY, DB, "postgres").withProperty("enrollflow.survey.token-secret", secret);
        assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENROLLFLOW_SURVEY_SECRET")
                .hasMessageNotContaining("ENROLLFLOW_GATEWAY_SECRET");
    }

    private static MockEnvironment env(String admin, String gateway, String db, String... profiles) {
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", admin)
                .withProperty("enrollflow.payment.gateway-secret", gateway)
                .withProperty("spring.datasource.password", db)
                .withProperty("enrollflow.survey.token-secret", SURVEY);
        env.setActiveProfiles(profiles);
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "admin", "demo", "Admin", "short-pw"})
    void shouldRefuseToStartPostgresProfileWithAMissingOrDemoPassword(String password) {
        assertThatThrownBy(() -> guard.postProcessEnvironment(env(password, GATEWAY, DB, "postgres"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENROLLFLOW_ADMIN_PASSWORD")
                .hasMessageNotContaining("ENROLLFLOW_GATEWAY_SECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "admin", "short-pw"})
    void shouldRefuseToStartTheDefaultProfileWithAMissingOrDemoPassword(String password) {
        assertThatThrownBy(() -> guard.postProcessEnvironment(env(password, GATEWAY, "", new String[0]), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENROLLFLOW_ADMIN_PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo-gateway-secret-change-me", "too-short"})
    void shouldRefuseToStartWithoutARealGatewaySecret(String secret) {
        assertThatThrownBy(() -> guard.postProcessEnvironment(env(ADMIN, secret, DB, "postgres"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENROLLFLOW_GATEWAY_SECRET")
                .hasMessageNotContaining("ENROLLFLOW_ADMIN_PASSWORD");
    }

    @Test
    void shouldRefuseThePostgresProfileWithoutADatabasePassword() {
        assertThatThrownBy(() -> guard.postProcessEnvironment(env(ADMIN, GATEWAY, "", "postgres"), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENROLLFLOW_DB_PASSWORD");
        // the embedded H2 of the default profile has no password to set
        assertThatCode(() -> guard.postProcessEnvironment(env(ADMIN, GATEWAY, "", new String[0]), null))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldNameEveryMissingVariableAtOnce() {
        assertThatThrownBy(() -> guard.postProcessEnvironment(env("", "", "", "postgres"), null))
                .hasMessageContainingAll("ENROLLFLOW_ADMIN_PASSWORD", "ENROLLFLOW_GATEWAY_SECRET",
                        "ENROLLFLOW_DB_PASSWORD", "demo");
    }

    /** The guard is registered (spring.factories) and stops a real start before any bean is created. */
    @Test
    void shouldStopARealStartWithoutTheDemoProfileAtOnce() {
        SpringApplicationBuilder app = new SpringApplicationBuilder(com.enrollflow.EnrollFlowApplication.class)
                .properties("spring.main.web-application-type=none",
                        "spring.datasource.url=jdbc:h2:mem:guard-test", "camunda.bpm.admin-user.password=",
                        "enrollflow.payment.gateway-secret=");
        assertThatThrownBy(() -> app.run().close()).hasMessageContainingAll("ENROLLFLOW_ADMIN_PASSWORD",
                "ENROLLFLOW_GATEWAY_SECRET");
    }

    /** Long enough, but the engine's password policy (decision 658) would refuse to create the admin with it. */
    @Test
    void shouldRefuseAnAdminPasswordThatBreaksThePasswordPolicyNamingWhatItLacks() {
        assertThatThrownBy(() -> guard.postProcessEnvironment(env("long-lowercase-password-1", GATEWAY, DB,
                "postgres"), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("ENROLLFLOW_ADMIN_PASSWORD", "it needs at least 1 upper-case letter)")
                .hasMessageNotContaining("needs at least 1 upper-case letter, at least 1 special");
        assertThatThrownBy(() -> guard.postProcessEnvironment(env("My-Admin-Password-1", GATEWAY, DB,
                "postgres"), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("ENROLLFLOW_ADMIN_PASSWORD", "it needs no user id or name in it)");
        // the upper length of decision 666 holds for the admin as for every account
        assertThatThrownBy(() -> guard.postProcessEnvironment(env("Zhao-Gui-2026-Pass" + "x".repeat(120), GATEWAY,
                DB, "postgres"), null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("ENROLLFLOW_ADMIN_PASSWORD", "it needs at most 128 characters)");
    }

    @ParameterizedTest
    @ValueSource(strings = {ADMIN, "Zhao-Gui-2026-Pass"})
    void shouldStartWithARealPassword(String password) {
        assertThatCode(() -> guard.postProcessEnvironment(env(password, GATEWAY, DB, "postgres"), null))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin"})
    void shouldLeaveTheDemoProfileAlone(String password) {
        assertThatCode(() -> guard.postProcessEnvironment(env(password, "demo-gateway-secret-change-me", "", "demo"),
                null)).doesNotThrowAnyException();
        assertThatCode(() -> guard.postProcessEnvironment(env(password, "", "", "postgres", "demo"), null))
                .doesNotThrowAnyException();
    }
}
