package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.enrollflow.reference.StaffRole;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * Security checklist item 6: /api (HTTP Basic checked by IdentityService.checkPassword) and /engine-rest share the
 * engine's login throttling. A wrong password delays the user on both; ten in a row lock the user until an admin
 * unlocks. The engine's clock is moved instead of waiting the delays out.
 */
@EnrollFlowTest
class LoginThrottlingTests {

    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String PASSWORD = "Right-Password-1!";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;

    private String user;

    @BeforeEach
    void newUser() {
        IdentityService identity = engine.getIdentityService();
        user = "throttled" + System.nanoTime() % 100000 + "x" + USERS.incrementAndGet();
        User u = identity.newUser(user);
        u.setFirstName("限流");
        u.setLastName("测试");
        u.setPassword(PASSWORD);
        identity.saveUser(u);
        identity.createMembership(user, StaffRole.CALL_CENTER.groupId());
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void shouldDelayTheUserOnBothApisAfterOneWrongPassword() {
        assertThat(api(PASSWORD)).as("control: the right password works").isEqualTo(200);

        assertThat(api("wrong")).isEqualTo(401);
        assertThat(api(PASSWORD)).as("/api during the delay").isEqualTo(401);
        assertThat(engineRest(PASSWORD)).as("/engine-rest during the delay").isEqualTo(401);
        UserEntity locked = entity();
        assertThat(locked.getAttempts()).isEqualTo(1);
        assertThat(locked.getLockExpirationTime()).isAfter(new Date());

        ClockUtil.setCurrentTime(new Date(locked.getLockExpirationTime().getTime() + 1000));
        assertThat(engineRest(PASSWORD)).as("after the delay").isEqualTo(200);
        assertThat(entity().getAttempts()).isZero();
    }

    @Test
    void shouldLockTheUserAfterTenWrongPasswordsUntilAnAdminUnlocks() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            afterLockExpires();
            int status = attempt % 2 == 0 ? api("wrong-" + attempt) : engineRest("wrong-" + attempt);
            assertThat(status).isEqualTo(401);
            assertThat(entity().getAttempts()).as("attempt %d counted", attempt).isEqualTo(attempt);
        }
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + 24 * 3600_000L));
        assertThat(api(PASSWORD)).as("a day later, still locked").isEqualTo(401);
        assertThat(engineRest(PASSWORD)).isEqualTo(401);

        engine.getIdentityService().unlockUser(user);
        assertThat(engineRest(PASSWORD)).isEqualTo(200);
    }

    private void afterLockExpires() {
        Date expiry = entity().getLockExpirationTime();
        if (expiry != null) {
            ClockUtil.setCurrentTime(new Date(expiry.getTime() + 1000));
        }
    }

    private int api(String password) {
        return http.withBasicAuth(user, password).getForEntity("/api/teams", String.class).getStatusCode().value();
    }

    private int engineRest(String password) {
        return http.withBasicAuth(user, password).getForEntity("/engine-rest/user/" + user + "/profile", String.class)
                .getStatusCode().value();
    }

    private UserEntity entity() {
        return (UserEntity) engine.getIdentityService().createUserQuery().userId(user).singleResult();
    }
}
