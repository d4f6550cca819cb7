package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.reference.StaffRole;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;

/**
 * Security checklist item 8: the audit names the logged-in user who acted, not the task's assignee or whoever began
 * the case. A front-desk colleague completes the pool task 登记到访 through /engine-rest without claiming it; the
 * visit and the timeline name the colleague. (A task claimed by someone else is theirs alone: decision 611.)
 */
@EnrollFlowTest
class ActorAuditTests {

    private static final AtomicInteger USERS = new AtomicInteger();

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldRecordTheUserWhoCompletedTheTask() {
        String colleague = frontDeskColleague();
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        leads.completeAs(Sales.OWNER, sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt",
                LocalDate.now().plusDays(2) + "T10:00", "visitNote", "审计测试"));
        Task visit = sales.task(pi);
        assertThat(visit.getTaskDefinitionKey()).isEqualTo("Task_RecordVisit");
        // the front desk's pool task, completed by a colleague without claiming it: the visit is theirs

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> done = http.withBasicAuth(colleague, "Colleague-Pw-1!").postForEntity(
                "/engine-rest/task/" + visit.getId() + "/complete", new HttpEntity<>(
                        "{\"variables\":{\"visitOutcome\":{\"value\":\"VISITED\",\"type\":\"String\"}}}", headers),
                String.class);
        assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(204);

        assertThat(jdbc.sql("select recorded_by from visit where opportunity_id = ?").param(o.opportunityId())
                .query(String.class).single()).isEqualTo(colleague);
        assertThat(jdbc.sql("select actor from timeline_event where opportunity_id = ? and event_type = 'VISITED'")
                .param(o.opportunityId()).query(String.class).single()).isEqualTo(colleague);
    }

    @Test
    void shouldRecordTheCallCentreAgentWhoHandledTheFirstContactForAColleague() {
        Leads.NewLead lead = leads.newLead("PHONE");
        Task first = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(lead.opportunityId())).singleResult();
        // wangfang (same group) reports the lead as invalid without claiming it: the close is hers, not the intake's
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> done = http.withBasicAuth("wangfang", "demo").postForEntity(
                "/engine-rest/task/" + first.getId() + "/complete", new HttpEntity<>("{\"variables\":{"
                        + "\"contactResult\":{\"value\":\"WRONG_NUMBER\",\"type\":\"String\"},"
                        + "\"contactNote\":{\"value\":\"空号\",\"type\":\"String\"}}}", headers), String.class);
        assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(204);
        // the intake was zhangli's (Leads.receive); the closing entry is the last one
        assertThat(jdbc.sql("select actor from timeline_event where opportunity_id = ? order by id desc")
                .param(lead.opportunityId()).query(String.class).list().get(0)).isEqualTo("wangfang");
    }

    private String frontDeskColleague() {
        IdentityService identity = engine.getIdentityService();
        String id = "desk" + System.nanoTime() % 100000 + "x" + USERS.incrementAndGet();
        User u = identity.newUser(id);
        u.setFirstName("前台同事");
        u.setLastName("");
        u.setPassword("Colleague-Pw-1!");
        identity.saveUser(u);
        identity.createMembership(id, StaffRole.FRONT_DESK.groupId());
        identity.createTenantUserMembership("BJHD", id); // a colleague at the same campus (校区数据范围)
        return id;
    }
}
