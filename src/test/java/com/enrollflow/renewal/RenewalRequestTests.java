package com.enrollflow.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * renewal-request.bpmn (发起续费): the Tasklist start form starts the same renewal as POST /api/contracts/{id}/renewals,
 * the contract typed as its number or the family's phone; a refusal names the form's field and stores nothing.
 */
@EnrollFlowTest
class RenewalRequestTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Renewals renewals;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    JdbcClient jdbc;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    private long contract() {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(1, 1, 1);
        teaching.leaveOnly(s.contract().contractId(), 10);
        jdbc.sql("update opportunity set owner_user = 'liwei' where id = ?").param(s.contract().opportunityId())
                .update();
        students.add(s.contract().opportunityId());
        return s.contract().contractId();
    }

    private String number(long contractId) {
        return jdbc.sql("select number from contract where id = ?").param(contractId).query(String.class).single();
    }

    /** Submits 发起续费 through the engine REST API Tasklist calls. */
    private ResponseEntity<JsonNode> submit(String user, String contract, String note) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        form.put("note", note);
        return StartForms.submit(http, user, "renewalRequest", form);
    }

    private int renewalsOf(long contractId) {
        return jdbc.sql("select count(*) from renewal where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    @Test
    void shouldStartTheRenewalFromTheTasklistStartFormByTheContractNumber() {
        long contractId = contract();
        ResponseEntity<JsonNode> started = submit("chenxi", " " + number(contractId).toLowerCase() + " ",
                "家长想续 20 课时");

        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(started.getBody()
                .get("id").asText()).singleResult().getTenantId()).as("in the contract's campus").isEqualTo("BJHD");
        Renewal r = renewals.openOn(contractId).orElseThrow();
        students.add(r.opportunityId());
        assertThat(r.trigger()).isEqualTo(RenewalTrigger.REQUESTED);
        assertThat(r.note()).isEqualTo("家长想续 20 课时");
        assertThat(r.createdBy()).isEqualTo("chenxi");
        assertThat(engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(String.valueOf(r.opportunityId())).taskDefinitionKey("Task_TalkRenewal")
                .singleResult().getAssignee()).isEqualTo("liwei");
        assertThat(StartForms.told(engine, started)).isEqualTo(StartForms.holder(jdbc, contractId) + "：续费申请 "
                + r.renewalNo() + " 已提交：由李伟（liwei）在“续费沟通”中与家长联系，本校区客服也可处理。");

        ResponseEntity<JsonNode> again = submit("liwei", number(contractId), null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody().path("message").asText()).contains("已有进行中的续费 " + r.renewalNo());
        assertThat(renewalsOf(contractId)).isOne();
    }

    @Test
    void shouldNameTheContractFieldForAnUnknownOrAnotherCampussContractAndStoreNothing() {
        long contractId = contract();
        ResponseEntity<JsonNode> otherCampus = submit("xuming", number(contractId), null);
        assertThat(otherCampus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(otherCampus.getBody().path("message").asText()).contains("合同编号或家长手机号");
        ResponseEntity<JsonNode> unknown = submit("chenxi", "BJ-HD-1999-00001", null);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().path("message").asText()).contains("合同编号或家长手机号");
        assertThat(renewalsOf(contractId)).isZero();
        assertThat(submit("zhengkai", number(contractId), null).getStatusCode()).as("a teacher may not start it")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(renewalsOf(contractId)).isZero();
    }
}
