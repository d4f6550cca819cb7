package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import com.enrollflow.reference.StaffRole;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * Security checklist item 9, through /engine-rest/user/{id}/credentials as the webapps' profile page and Admin use it:
 * everyone changes their own password, an admin anyone's, a staff user nobody else's.
 */
@EnrollFlowTest
class PasswordChangeTests {

    private static final AtomicInteger USERS = new AtomicInteger();

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;

    @Test
    void shouldGiveEveryDemoUserUpdateOnTheirOwnUserOnly() {
        AuthorizationService authorizations = engine.getAuthorizationService();
        IdentityService identity = engine.getIdentityService();
        for (DemoData.DemoUser u : DemoData.USERS) {
            List<String> groups = identity.createGroupQuery().groupMember(u.id()).unlimitedList().stream()
                    .map(g -> g.getId()).toList();
            assertThat(authorizations.isUserAuthorized(u.id(), groups, Permissions.UPDATE, Resources.USER, u.id()))
                    .as("%s may update their own user", u.id()).isTrue();
            assertThat(authorizations.isUserAuthorized(u.id(), groups, Permissions.UPDATE, Resources.USER, "admin"))
                    .as("%s may not update admin", u.id()).isFalse();
        }
    }

    @Test
    void shouldLetAUserChangeTheirOwnPassword() {
        String user = newStaffUser("old-password-1");
        assertThat(changePassword(user, "old-password-1", user, "new-password-1")).isEqualTo(204);
        assertThat(login(user, "new-password-1")).isEqualTo(200);
        assertThat(login(user, "old-password-1")).isEqualTo(401);
    }

    @Test
    void shouldLetAnAdminChangeAnyonesPassword() {
        String user = newStaffUser("old-password-2");
        assertThat(changePassword("admin", "admin", user, "reset-by-admin-2")).isEqualTo(204);
        assertThat(login(user, "reset-by-admin-2")).isEqualTo(200);
    }

    @Test
    void shouldNotLetAStaffUserChangeSomeoneElsesPassword() {
        String attacker = newStaffUser("attacker-pw-3");
        String victim = newStaffUser("victim-pw-3");
        // the attacker proves their own password, as the API asks, and still may not touch the victim's
        assertThat(changePassword(attacker, "attacker-pw-3", victim, "taken-over-3")).isEqualTo(403);
        assertThat(login(victim, "victim-pw-3")).isEqualTo(200);
        assertThat(engine.getIdentityService().checkPassword(victim, "taken-over-3")).isFalse();
    }

    private int changePassword(String actor, String actorPassword, String user, String newPassword) {
        ResponseEntity<String> answer = http.withBasicAuth(actor, actorPassword).exchange(
                "/engine-rest/user/" + user + "/credentials", HttpMethod.PUT,
                new HttpEntity<>(Map.of("password", newPassword, "authenticatedUserPassword", actorPassword)),
                String.class);
        return answer.getStatusCode().value();
    }

    private int login(String user, String password) {
        return http.withBasicAuth(user, password).getForEntity("/engine-rest/user/" + user + "/profile", String.class)
                .getStatusCode().value();
    }

    /** A staff user made as Camunda Admin does (the engine gives every new user UPDATE on itself). */
    private String newStaffUser(String password) {
        IdentityService identity = engine.getIdentityService();
        String id = "pw" + System.nanoTime() % 100000 + "x" + USERS.incrementAndGet();
        User u = identity.newUser(id);
        u.setFirstName("密码");
        u.setLastName("测试");
        u.setPassword(password);
        identity.saveUser(u);
        identity.createMembership(id, StaffRole.CONSULTANT.groupId());
        return id;
    }
}
