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
 * everyone changes their own password, an admin anyone's, a staff user nobody else's; every new password within the
 * password policy (密码策略, decision 658).
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
        String user = newStaffUser("Old-Password-1!");
        assertThat(changePassword(user, "Old-Password-1!", user, "New-Password-1!")).isEqualTo(204);
        assertThat(login(user, "New-Password-1!")).isEqualTo(200);
        assertThat(login(user, "Old-Password-1!")).isEqualTo(401);
    }

    @Test
    void shouldLetAnAdminChangeAnyonesPassword() {
        String user = newStaffUser("Old-Password-2!");
        assertThat(changePassword("admin", "admin", user, "Reset-By-Admin-2!")).isEqualTo(204);
        assertThat(login(user, "Reset-By-Admin-2!")).isEqualTo(200);
    }

    @Test
    void shouldNotLetAStaffUserChangeSomeoneElsesPassword() {
        String attacker = newStaffUser("Attacker-Pw-3!");
        String victim = newStaffUser("Victim-Pw-3!");
        // the attacker proves their own password, as the API asks, and still may not touch the victim's
        assertThat(changePassword(attacker, "Attacker-Pw-3!", victim, "Taken-Over-3!")).isEqualTo(403);
        assertThat(login(victim, "Victim-Pw-3!")).isEqualTo(200);
        assertThat(engine.getIdentityService().checkPassword(victim, "Taken-Over-3!")).isFalse();
    }

    /**
     * The password policy (密码策略, decision 658): a new password that breaks it is refused in Chinese, naming the
     * field and every rule, and the old password still works.
     */
    @Test
    void shouldRefuseANewPasswordThatBreaksThePolicyAndKeepTheOldOne() {
        String user = newStaffUser("Old-Password-4!");
        String stored = storedPassword(user);
        assertThat(stored).as("the hash as stored").isNotBlank();
        for (String weak : List.of("Short-1!", "no-upper-case-4!", "NO-LOWER-CASE-4!", "No-Digit-Here!",
                "NoSpecial12345", user + "-Pw-4!", "demo", "Long-Pass-4!" + "x".repeat(117))) {
            ResponseEntity<String> answer = credentials(user, "Old-Password-4!", user, weak);
            assertThat(answer.getStatusCode().value()).as(weak).isEqualTo(400);
            assertThat(answer.getBody()).as(weak).contains(
                    "密码（password）不符合密码策略：至少 10 个字符、至多 128 个字符", "大写字母、小写字母、数字和特殊字符", "不得包含用户名");
            // compared as stored, not by logging in: every wrong password would delay the user (login throttling)
            assertThat(storedPassword(user)).as(weak).isEqualTo(stored);
        }
        assertThat(login(user, "Old-Password-4!")).isEqualTo(200);
        // 128 characters are the most (decision 666): a passphrase of that length is taken
        String longest = "Long-Pass-4!" + "x".repeat(116);
        assertThat(longest).hasSize(128);
        assertThat(credentials(user, "Old-Password-4!", user, longest).getStatusCode().value()).isEqualTo(204);
        assertThat(engine.getIdentityService().checkPassword(user, longest)).isTrue();
        stored = storedPassword(user);
        // an admin's reset is held to the same policy
        assertThat(changePassword("admin", "admin", user, "reset12345")).isEqualTo(400);
        assertThat(storedPassword(user)).isEqualTo(stored);
        assertThat(login(user, longest)).isEqualTo(200);
        // last (a wrong password delays the next sign-in): a good new password with a wrong current one, as the
        // profile page sends it, said in Chinese by field
        ResponseEntity<String> wrongCurrent = http.withBasicAuth(user, longest).exchange(
                "/engine-rest/user/" + user + "/credentials", HttpMethod.PUT, new HttpEntity<>(Map.of("password",
                        "Good-New-Pass-4!", "authenticatedUserPassword", "not-my-password")), String.class);
        assertThat(wrongCurrent.getStatusCode().value()).isEqualTo(400);
        assertThat(wrongCurrent.getBody()).contains("当前密码（authenticatedUserPassword）不正确");
        assertThat(storedPassword(user)).isEqualTo(stored);
    }

    /** The password's hash (with its salt) as the engine stores it. */
    private String storedPassword(String user) {
        return ((org.camunda.bpm.engine.impl.persistence.entity.UserEntity) engine.getIdentityService()
                .createUserQuery().userId(user).singleResult()).getPassword();
    }

    /**
     * A refused password is the user's typo, not a server fault: one INFO line, no ERROR or 500 warning with a stack
     * trace that would raise an operator's alarm (the browser review found both on every refusal).
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void shouldLogARefusedPasswordAsTheUsersMistakeNotAsAServerError(
            org.springframework.boot.test.system.CapturedOutput output) {
        String user = newStaffUser("Old-Password-5!");
        assertThat(changePassword(user, "Old-Password-5!", user, "weak")).isEqualTo(400);
        assertThat(output.getOut()).contains("/credentials: the new password breaks the password policy")
                .doesNotContain("ENGINE-16004 Exception while closing command context: Password does not match policy")
                .doesNotContain("ENGINE-REST-HTTP500 org.camunda.bpm.engine.ProcessEngineException: Password");
    }

    /** An admin creating a staff account (Admin → 用户 → 创建新用户, the same REST call) is held to the policy. */
    @Test
    void shouldNotCreateAnAccountWhosePasswordBreaksThePolicy() {
        String id = "pwnew" + System.nanoTime() % 100000 + "x" + USERS.incrementAndGet();
        Map<String, Object> profile = Map.of("id", id, "firstName", "新", "lastName", "员工",
                "email", id + "@example.com");
        ResponseEntity<String> weak = http.withBasicAuth("admin", "admin").postForEntity("/engine-rest/user/create",
                Map.of("profile", profile, "credentials", Map.of("password", "password1")), String.class);
        assertThat(weak.getStatusCode().value()).isEqualTo(400);
        assertThat(weak.getBody()).contains("密码（password）不符合密码策略");
        assertThat(engine.getIdentityService().createUserQuery().userId(id).count()).as("nothing stored").isZero();

        ResponseEntity<String> strong = http.withBasicAuth("admin", "admin").postForEntity("/engine-rest/user/create",
                Map.of("profile", profile, "credentials", Map.of("password", "Xin-Yuan-Gong-7")), String.class);
        assertThat(strong.getStatusCode().value()).isEqualTo(204);
        try {
            assertThat(engine.getIdentityService().checkPassword(id, "Xin-Yuan-Gong-7")).isTrue();
            ResponseEntity<String> again = http.withBasicAuth("admin", "admin").postForEntity(
                    "/engine-rest/user/create", Map.of("profile", profile, "credentials",
                            Map.of("password", "Other-Yuan-Gong-8")), String.class);
            assertThat(again.getStatusCode().value()).isEqualTo(400);
            assertThat(again.getBody()).contains("用户 ID（id）已存在");
            assertThat(engine.getIdentityService().checkPassword(id, "Xin-Yuan-Gong-7")).as("kept").isTrue();
        } finally {
            engine.getIdentityService().deleteUser(id);
        }
    }

    /** What Admin's account tab and the profile page read to list the rules beside the password field (was 404). */
    @Test
    void shouldPublishThePolicyForTheWebappsToListItsRules() {
        ResponseEntity<String> policy = http.withBasicAuth("liwei", "demo")
                .getForEntity("/engine-rest/identity/password-policy", String.class);
        assertThat(policy.getStatusCode().value()).isEqualTo(200);
        assertThat(policy.getBody()).contains("PASSWORD_POLICY_LENGTH", "\"minLength\":\"10\"",
                "PASSWORD_POLICY_MAX_LENGTH", "\"maxLength\":\"128\"",
                "PASSWORD_POLICY_UPPERCASE", "PASSWORD_POLICY_SPECIAL", "PASSWORD_POLICY_USER_DATA");
    }

    private int changePassword(String actor, String actorPassword, String user, String newPassword) {
        return credentials(actor, actorPassword, user, newPassword).getStatusCode().value();
    }

    private ResponseEntity<String> credentials(String actor, String actorPassword, String user, String newPassword) {
        return http.withBasicAuth(actor, actorPassword).exchange(
                "/engine-rest/user/" + user + "/credentials", HttpMethod.PUT,
                new HttpEntity<>(Map.of("password", newPassword, "authenticatedUserPassword", actorPassword)),
                String.class);
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
