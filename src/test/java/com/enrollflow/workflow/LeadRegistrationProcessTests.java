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
        long customerId = jdbc.sql("select customer_id from opportunity where id = ?").param(opportunityId)
                .query(Long.class).single();
        assertThat(told(registration)).as("what Tasklist shows the desk after 启动")
                .isEqualTo("客户咨询已登记：客户编号 " + customerId + "，商机编号 " + opportunityId + "；首次联系由本校区课程顾问进行。");

        // the same family again: the desk learns it was known, and who takes the enquiry
        assertThat(told(submitAsFrontDesk(form))).isEqualTo("该客户此前已登记（客户编号 " + customerId
                + "）：本次咨询已交课程顾问（尚未分配到人）跟进（待办“跟进客户再次咨询”），商机编号 " + opportunityId + "。");
    }

    @Test
    void shouldTellAnotherCampusOnlyByWhomAndWhereAKnownFamilyIsFollowed() {
        Map<String, Object> form = form(Leads.newPhone());
        submitAsFrontDesk(form);

        // the same family walks in at 浦东: its consultant learns that, and where, not the family's numbers
        assertThat(told(submitAs("xuming", "consultant", form))).isEqualTo("该客户此前已登记：本次咨询已转给现有商机的负责人"
                + "；已有人跟进：销售团队（分配中，北京海淀校区）。");
    }

    /** What the start form's starter reads after 启动 (FormResultResource reads the same). */
    private String told(ProcessInstance registration) {
        return (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(registration.getId()).variableName("startResult").singleResult().getValue();
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

    @Test
    void shouldLinkTheReferrerTheFormNamesByPhoneAndRefuseAnUnknownOneByItsLabel() {
        String referrerPhone = Leads.newPhone();
        Map<String, Object> referrerForm = form(referrerPhone);
        submitAsFrontDesk(referrerForm);
        long referrer = jdbc.sql("select id from customer where phone = ?").param("+86" + referrerPhone)
                .query(Long.class).single();

        Map<String, Object> referred = form(Leads.newPhone());
        referred.put("channel", "REFERRAL");
        referred.put("referrerPhone", referrerPhone);
        assertThat(submitAsFrontDesk(referred)).isEnded();
        assertThat(jdbc.sql("select r.referrer_customer_id from referral r join customer c on c.id = "
                + "r.referred_customer_id where c.phone = ?").param("+86" + referred.get("phone")).query(Long.class)
                .single()).isEqualTo(referrer);

        long customersBefore = count("customer");
        Map<String, Object> unknown = form(Leads.newPhone());
        unknown.put("channel", "REFERRAL");
        unknown.put("referrerPhone", Leads.newPhone());
        assertThatThrownBy(() -> submitAsFrontDesk(unknown)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("介绍人手机号：您负责的校区中没有电话为");
        assertThat(count("customer")).isEqualTo(customersBefore);
    }

    @Test
    void shouldKeepTheStudentsBirthDateFromTheFormAndRefuseAFutureOneByItsLabel() {
        Map<String, Object> form = form(Leads.newPhone());
        form.put("studentBirthDate", "2012-05-20");
        assertThat(submitAsFrontDesk(form)).isEnded();
        assertThat(jdbc.sql("select birth_date from customer where phone = ?").param("+86" + form.get("phone"))
                .query(java.time.LocalDate.class).single()).isEqualTo(java.time.LocalDate.of(2012, 5, 20));

        long customersBefore = count("customer");
        Map<String, Object> future = form(Leads.newPhone());
        future.put("studentBirthDate", java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).plusDays(1)
                .toString());
        assertThatThrownBy(() -> submitAsFrontDesk(future)).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("学生生日：学生生日不能晚于今天");
        assertThat(count("customer")).isEqualTo(customersBefore);
    }

    @Test
    void shouldAskAnAgentOfSeveralCampusesWhichCampusAWalkInCameToAndRegisterItThere() {
        // zhangli answers for the call centre and two Beijing campuses: a walk-in needs the campus, by its form label
        long customersBefore = count("customer");
        Map<String, Object> form = form(Leads.newPhone());
        assertThatThrownBy(() -> submitAs("zhangli", "callCenter", form)).isInstanceOf(ProcessEngineException.class)
                .hasMessage("提交内容有误：到访校区：到店咨询须填写校区（客户所在的校区）");
        assertThat(count("customer")).isEqualTo(customersBefore);

        form.put("campus", "朝阳");
        ProcessInstance registered = submitAs("zhangli", "callCenter", form);
        assertThat(registered).isEnded();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceId(registered.getId()).singleResult().getTenantId())
                .as("the registration belongs to the campus typed in by its name").isEqualTo("BJCY");
        assertThat(jdbc.sql("select o.campus_code from opportunity o join customer c on c.id = o.customer_id "
                + "where c.phone = ?").param("+86" + form.get("phone")).query(String.class).single())
                .isEqualTo("BJ-CY");

        Map<String, Object> elsewhere = form(Leads.newPhone());
        elsewhere.put("campus", "浦东");
        assertThatThrownBy(() -> submitAs("zhangli", "callCenter", elsewhere))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("到访校区：您不负责");
    }

    private ProcessInstance submitAs(String user, String group, Map<String, Object> form) {
        engine.getIdentityService().setAuthentication(user, List.of(group));
        try {
            return engine.getFormService().submitStartForm(definitionId(), form);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
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
