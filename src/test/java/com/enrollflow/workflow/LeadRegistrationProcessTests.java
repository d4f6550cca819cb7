package com.enrollflow.workflow;

import static org.assertj.core.api.Assertions.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;

/** lead-registration.bpmn: the Tasklist start form for phone and walk-in enquiries. */
@EnrollFlowTest
class LeadRegistrationProcessTests {

    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Leads leads;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    /** Submits the start form as the front desk does in Tasklist: authenticated, authorizations checked. */
    private ProcessInstance submitAsFrontDesk(Map<String, Object> form) {
        engine.getIdentityService().setAuthentication("zhaomin", List.of("frontDesk"));
        try {
            return engine.getFormService().submitStartForm(definitionId(), form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    @Test
    void shouldRegisterWalkInThroughTheStartFormAsFrontDesk() {
        Map<String, Object> form = form(Leads.newPhone());
        ProcessInstance registration = submitAsFrontDesk(form);

        assertThat(registration).hasPassed("ServiceTask_RegisterLead", "EndEvent_LeadRegistered").isEnded();
        Long opportunityId = jdbc.sql("select id from opportunity where customer_id = "
                + "(select id from customer where phone = ?)").param("+86" + form.get("phone")).query(Long.class).single();
        ProcessInstance enrollment = engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(opportunityId)).processDefinitionKey("enrollment").singleResult();
        assertThat(enrollment).isWaitingAt("StartEvent_LeadReceived");
        leads.runJobs(enrollment.getId());
        assertThat(enrollment).isWaitingAt("CallActivity_DetermineIntent");
        assertThat(task(calledProcessInstance(enrollment))).hasCandidateGroup("consultant");
        assertThat(jdbc.sql("select received_by from enquiry where opportunity_id = ?").param(opportunityId)
                .query(String.class).single()).isEqualTo("zhaomin");
    }

    @Test
    void shouldRejectAnInvalidPhoneAndStoreNothing() {
        long customersBefore = count("customer");
        long instancesBefore = engine.getHistoryService().createHistoricProcessInstanceQuery().count();
        Map<String, Object> form = form("12345");

        assertThatThrownBy(() -> submitAsFrontDesk(form))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessage("提交内容有误：电话：不是有效的电话号码：“12345”");
        assertThat(count("customer")).isEqualTo(customersBefore);
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    private Map<String, Object> form(String phone) {
        Map<String, Object> form = new HashMap<>();
        form.put("name", "到访家长");
        form.put("phone", phone);
        form.put("channel", "WALK_IN");
        form.put("productLine", "ONE_ON_ONE");
        form.put("notes", "孩子初三，想冲刺中考");
        return form;
    }

    private String definitionId() {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("leadRegistration")
                .latestVersion().singleResult().getId();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
