package com.enrollflow.assignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.opportunity.NewOpportunity;
import com.enrollflow.opportunity.OpportunityRepository;
import com.enrollflow.testsupport.Assignments;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Tasklist start form 商机免回收 (recycle-exemption.bpmn, decision 681), submitted as Tasklist sends it: a sales
 * supervisor locks a VIP family's lead against recycling by the family's phone, and lifts the lock again; what cannot
 * be found is refused under the form's fields, and nothing changes then.
 */
@EnrollFlowTest
class RecycleExemptionFormTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    Assignments assignments;
    @Autowired
    OpportunityRepository opportunities;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> form(String phone, String productLine, String action, String reason) {
        Map<String, Object> form = new HashMap<>();
        form.put("phone", phone);
        form.put("productLine", productLine);
        form.put("action", action);
        form.put("reason", reason);
        return form;
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "recycleExemption", form);
    }

    private String told(ResponseEntity<JsonNode> done) {
        return StartForms.told(engine, done);
    }

    /** The family's phone as a parent gives it: 139 1234 5678. */
    private String phone(long opportunityId) {
        String e164 = jdbc.sql("select c.phone from customer c join opportunity o on o.customer_id = c.id "
                + "where o.id = ?").param(opportunityId).query(String.class).single();
        return e164.substring(3, 6) + " " + e164.substring(6, 10) + " " + e164.substring(10);
    }

    private List<String> timeline(long opportunityId) {
        return jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = 'RECYCLE_EXEMPT' "
                + "order by id").param(opportunityId).query(String.class).list();
    }

    @Test
    void shouldLockTheFamilysLeadByItsPhoneSoTheOwnerKeepsItAndLiftTheLockAgain() {
        String team = assignments.team(AssignmentStrategy.FEWEST_OPEN, "liwei");
        long id = assignments.intentOpportunity();
        ProcessInstance pi = assignments.start(id, team);
        String phone = phone(id);

        ResponseEntity<JsonNode> locked = submit("sunqiang", form(phone, null, "EXEMPT", "VIP 客户，校长指定由李伟跟进"));

        assertThat(told(locked)).isEqualTo("商机 " + id + "（分配测试，一对一，负责人 李伟（liwei））已设为免回收：到期不再被回收，"
                + "负责人照常跟进；原因：VIP 客户，校长指定由李伟跟进。");
        assertThat(assignments.column(id, "recycle_exempt", Boolean.class)).isTrue();
        HistoricProcessInstance instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(locked.getBody().get("id").asText()).singleResult();
        assertThat(instance.getTenantId()).as("in the lead's campus").isEqualTo("BJHD");
        assertThat(instance.getBusinessKey()).isEqualTo(String.valueOf(id));
        // the first contact's deadline passes: the lead stays with 李伟
        assignments.fireTimer(pi, "BoundaryEvent_FirstContactOverdue");
        assertThat(pi).isWaitingAt("Task_MakeFirstContact");
        assertThat(assignments.owner(id)).isEqualTo("liwei");

        assertThat(told(submit("sunqiang", form(phone, "一对一", "LIFT", null)))).isEqualTo("商机 " + id
                + "（分配测试，一对一，负责人 李伟（liwei））已取消免回收：之后按时限照常回收。");
        assertThat(assignments.column(id, "recycle_exempt", Boolean.class)).isFalse();
        assertThat(timeline(id)).containsExactly("设为免回收：VIP 客户，校长指定由李伟跟进", "取消免回收");
    }

    @Test
    void shouldRefuseEachWrongFieldByNameAndChangeNothing() {
        long id = assignments.intentOpportunity();
        String phone = phone(id);
        long customer = jdbc.sql("select customer_id from opportunity where id = ?").param(id).query(Long.class)
                .single();
        long submissions = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("recycleExemption").count();

        assertThat(StartForms.refusal(submit("sunqiang", form("12345", null, "EXEMPT", " "))))
                .isEqualTo("提交内容有误：客户手机号：不是有效的电话号码：“12345”；原因：必填");
        assertThat(StartForms.refusal(submit("panlei", form(phone, null, "EXEMPT", "VIP"))))
                .as("上海浦东's supervisor").startsWith("提交内容有误：客户手机号：您负责的校区没有手机号为 ");
        assertThat(StartForms.refusal(submit("sunqiang", form(phone, null, "LIFT", null))))
                .isEqualTo("提交内容有误：操作：商机 " + id + " 现在不是免回收，无需取消");
        assertThat(StartForms.refusal(submit("sunqiang", form(phone, "CLASS", "EXEMPT", "VIP"))))
                .isEqualTo("提交内容有误：产品线：分配测试在您负责的校区没有班课跟进中的商机（已成单、已关闭的商机不会被回收）");
        // the family enquires about a class too: two leads in progress, the form asks which
        long second = opportunities.insert(new NewOpportunity(customer, "PHONE", null, "BJ-HD", "CLASS", "J2", "MATH",
                null, "callCenter", OffsetDateTime.now()));
        assertThat(StartForms.refusal(submit("sunqiang", form(phone, null, "EXEMPT", "VIP"))))
                .isEqualTo("提交内容有误：产品线：分配测试有 2 个跟进中的商机（一对一、班课），请选择产品线");
        assertThat(submit("liwei", form(phone, "ONE_ON_ONE", "EXEMPT", "VIP")).getStatusCode())
                .as("a consultant cannot lock a lead").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(assignments.column(id, "recycle_exempt", Boolean.class)).isFalse();
        assertThat(assignments.column(second, "recycle_exempt", Boolean.class)).isFalse();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processDefinitionKey("recycleExemption").count()).as("no refused submission stays")
                .isEqualTo(submissions);
        // with the product line, the class lead only
        assertThat(told(submit("sunqiang", form(phone, "CLASS", "EXEMPT", "VIP")))).startsWith("商机 " + second
                + "（分配测试，班课，尚无负责人）已设为免回收");
        assertThat(assignments.column(id, "recycle_exempt", Boolean.class)).isFalse();
    }
}
