package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

class AdminPasswordGuardTests {

    private final AdminPasswordGuard guard = new AdminPasswordGuard();

    @ParameterizedTest
    @ValueSource(strings = {"", "admin", "demo", "Admin", "short-pw"})
    void shouldRefuseToStartPostgresProfileWithAMissingOrDemoPassword(String password) {
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", password);
        env.setActiveProfiles("postgres");
        assertThatThrownBy(() -> guard.postProcessEnvironment(env, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ENROLLFLOW_ADMIN_PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"k7#Vq9!mZp2L-x"})
    void shouldStartWithARealPassword(String password) {
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", password);
        env.setActiveProfiles("postgres");
        assertThatCode(() -> guard.postProcessEnvironment(env, null)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin"})
    void shouldLeaveTheDemoProfileAlone(String password) {
        MockEnvironment env = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", password);
        assertThatCode(() -> guard.postProcessEnvironment(env, null)).doesNotThrowAnyException();
    }
}
