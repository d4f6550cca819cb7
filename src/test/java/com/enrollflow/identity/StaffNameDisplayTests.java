package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.notification.StaffContacts;
import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * Names as staff and families read them (decision 693): Admin's form takes 姓 in its first field and 名 in its second,
 * and EnrollFlow writes the whole name family name first, without a space, as Chinese is written.
 */
@EnrollFlowTest
class StaffNameDisplayTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    StaffDirectory staff;
    @Autowired
    StaffContacts contacts;
    @Autowired
    DemoData demo;

    @Test
    void shouldNameAColleagueMadeInAdminFamilyNameFirst() {
        String id = "ouyangnn";
        // what Admin's 新建用户 sends: 姓 欧阳 in the first field, 名 娜娜 in the second
        var created = rest.withBasicAuth("admin", "admin").postForEntity("/engine-rest/user/create", Map.of(
                "profile", Map.of("id", id, "firstName", "欧阳", "lastName", "娜娜", "email", id + "@example.com"),
                "credentials", Map.of("password", "Ouyang-Nana-2026!")), String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        try {
            assertThat(staff.personName(id)).isEqualTo("欧阳娜娜");
            assertThat(staff.displayName(id)).isEqualTo("欧阳娜娜（ouyangnn）");
            // the name a staff mail greets her with (欧阳娜娜，您好)
            assertThat(contacts.user(id).orElseThrow().name()).isEqualTo("欧阳娜娜");
        } finally {
            engine.getIdentityService().deleteUser(id);
        }
    }

    @Test
    void shouldSplitADemoNameKeptWholeInTheFirstField() {
        IdentityService identity = engine.getIdentityService();
        User before = identity.createUserQuery().userId("zhangli").singleResult();
        assertThat(before.getFirstName()).isEqualTo("张");
        assertThat(before.getLastName()).isEqualTo("丽");
        // a demo database from before: the whole name in the first field, none in the second (which Admin requires)
        before.setFirstName("张丽");
        before.setLastName("");
        identity.saveUser(before);

        demo.load();

        User after = identity.createUserQuery().userId("zhangli").singleResult();
        assertThat(after.getFirstName()).isEqualTo("张");
        assertThat(after.getLastName()).isEqualTo("丽");
        assertThat(identity.checkPassword("zhangli", DemoData.PASSWORD)).as("the password kept").isTrue();
        assertThat(staff.displayName("zhangli")).isEqualTo("张丽（zhangli）");
    }
}
