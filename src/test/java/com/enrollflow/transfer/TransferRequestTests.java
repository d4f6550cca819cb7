package com.enrollflow.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.refund.Refunds;
import com.enrollflow.scheduling.SchedulingService;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * transfer-request.bpmn (申请转课): the Tasklist start form takes the same transfer as POST /api/contracts/{id}/transfers
 * and starts transfer.bpmn for the contract; a bad field, an unknown or another campus's contract is refused by the
 * form's field names, a busy contract with its reason, a teacher may not start it; none of it stores a transfer or
 * touches the ledger.
 */
@EnrollFlowTest
class TransferRequestTests {

    @Autowired
    com.enrollflow.teaching.HoursLedger ledger;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TestRestTemplate http;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Refunds refunds;
    @Autowired
    Transfers transfers;
    @Autowired
    SchedulingService scheduling;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    private final List<Long> students = new ArrayList<>();

    @AfterEach
    void freeTheTeachers() {
        students.forEach(o -> scheduling.closeSchedule(o, "测试结束", "test"));
    }

    /** A BJ-HD J2 contract of 60 senior maths lessons, ¥12,000 paid in full, {@code taught} of {@code past} taught. */
    private TeachingTestSupport.Taught paid(int past, int taught) {
        TeachingTestSupport.Schedule s = teaching.contractWithSchedule(past, taught, 2);
        TeachingTestSupport.Taught t = s.contract();
        teaching.paidInFull(t);
        students.add(t.opportunityId());
        return t;
    }

    private String number(long contractId) {
        return jdbc.sql("select number from contract where id = ?").param(contractId).query(String.class).single();
    }

    private int transfers(long contractId) {
        return jdbc.sql("select count(*) from transfer where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    private int movedOut(long contractId) {
        return jdbc.sql("select coalesce(sum(transferred_out), 0) from hours_ledger where contract_id = ?")
                .param(contractId).query(Integer.class).single();
    }

    private long requests() {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey("transferRequest")
                .count();
    }

    private long transferInstances(TeachingTestSupport.Taught t) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("transfer")
                .processInstanceBusinessKey(String.valueOf(t.opportunityId())).count();
    }

    private static Map<String, Object> form(String contract, String subject, String teacherLevel, String reason,
            Object refundDifference) {
        Map<String, Object> form = new HashMap<>();
        form.put("contract", contract);
        form.put("subject", subject);
        form.put("teacherLevel", teacherLevel);
        form.put("reason", reason);
        form.put("refundDifference", refundDifference);
        return form;
    }

    /** Submits 申请转课 through the engine REST API Tasklist calls. */
    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "transferRequest", form);
    }

    /** The refusal's message, after checking that it is the 400 Tasklist shows. */
    private String refusal(String user, Map<String, Object> form) {
        ResponseEntity<JsonNode> answer = submit(user, form);
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        return answer.getBody().path("message").asText();
    }

    @Test
    void shouldStartTheTransferProcessFromTheTasklistStartFormByTheContractNumber() {
        TeachingTestSupport.Taught t = paid(1, 1);
        String typed = " " + number(t.contractId()).toLowerCase() + " ";

        ResponseEntity<JsonNode> started = submit("wuting", form(typed, "PHYSICS", "STANDARD", "数学已跟上，想补物理",
                false));

        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
        String request = started.getBody().get("id").asText();
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(request)
                .singleResult().getTenantId()).as("in the contract's campus, not the starter's call centre")
                .isEqualTo("BJHD");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(request)
                .orderPartiallyByOccurrence().asc().list()).extracting(HistoricActivityInstance::getActivityId)
                .containsExactly("StartEvent_TransferAsked", "ServiceTask_SubmitTransfer", "EndEvent_TransferRegistered");
        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(request)
                .singleResult().getEndTime()).isNotNull();

        List<Transfer> made = transfers.forContract(t.contractId());
        assertThat(made).hasSize(1);
        Transfer transfer = made.get(0);
        assertThat(transfer.toSubjectLabel()).isEqualTo("物理");
        assertThat(transfer.toTeacherLevelLabel()).isEqualTo("标准教师");
        assertThat(transfer.lessons()).isEqualTo(59);
        assertThat(transfer.reason()).isEqualTo("数学已跟上，想补物理");
        assertThat(transfer.requestedBy()).isEqualTo("wuting");
        assertThat(transfer.familyAsksRefund()).isFalse();
        assertThat(movedOut(t.contractId())).isEqualTo(59);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(request)
                .variableName("transferNo").singleResult().getValue()).isEqualTo(transfer.transferNo());

        ProcessInstance process = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("transfer").variableValueEquals("transferId", transfer.id()).singleResult();
        assertThat(process.getBusinessKey()).isEqualTo(String.valueOf(t.opportunityId()));
        assertThat(process.getTenantId()).isEqualTo("BJHD");
        assertThat(engine.getRuntimeService().getVariable(process.getId(), "familyAsksRefund")).isEqualTo(false);

        // the same contract again: refused with the reason, nothing more stored
        assertThat(refusal("chenxi", form(number(t.contractId()), "CHINESE", "SENIOR", "再换", null)))
                .isEqualTo("提交内容有误：合同 " + number(t.contractId()) + " 已有进行中的转课，请完成后再申请");
        assertThat(transfers(t.contractId())).isOne();
    }

    @Test
    void shouldTellTheStarterAfterStartTheTransfersNumberAndDifferenceAndNobodyElse() {
        TeachingTestSupport.Taught t = paid(1, 1);
        // a referral's gift: it stays on its own line and is scheduled with the new course
        ledger.gift(t.contractId(), 3, "转介绍赠送", "system");
        ResponseEntity<JsonNode> started = submit("wuting", form(number(t.contractId()), "PHYSICS", "STANDARD",
                "数学已跟上，想补物理", false));
        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
        String request = started.getBody().get("id").asText();
        Transfer transfer = transfers.forContract(t.contractId()).get(0);
        String path = "/camunda/api/tasklist/plugin/enrollflow-form-result/default/start-result/" + request;

        // what Tasklist shows wuting after 启动, read with her Tasklist session
        JsonNode told = WebappSession.login(port, "wuting", "demo").json(path);
        assertThat(told.path("text").asText()).isEqualTo(StartForms.holder(jdbc, t.contractId()) + "：转课申请 "
                + transfer.transferNo()
                + " 已登记：剩余 59 课时已转入物理 · 标准教师，无差价；教务将为新课程排课（共 62 课时，含赠送课时 3）。");
        assertThat(transfer.difference()).as("the same price per lesson").isZero();

        // a colleague of the same campus, another campus's staff, an unknown instance: nothing, alike (no content)
        for (var other : List.of(WebappSession.login(port, "chenxi", "demo").get(path),
                WebappSession.login(port, "xuming", "demo").get(path),
                WebappSession.login(port, "wuting", "demo").get(path.replace(request, "no-such-instance")))) {
            assertThat(other.statusCode()).isEqualTo(204);
            assertThat(other.body()).isEmpty();
        }
        assertThat(WebappSession.anonymous(port).get(path).statusCode()).isIn(401, 403);
    }

    @Test
    void shouldTakeTheFamilysPhoneAndItsWishToGetTheDifferenceBackFromTheFrontDesk() {
        TeachingTestSupport.Taught t = paid(1, 1);
        String phone = jdbc.sql("select c.phone from customer c join contract k on k.customer_id = c.id where k.id = ?")
                .param(t.contractId()).query(String.class).single();
        String definition = engine.getRepositoryService().createProcessDefinitionQuery()
                .processDefinitionKey("transferRequest").latestVersion().singleResult().getId();
        var identity = engine.getIdentityService();
        identity.setAuthentication("zhaomin", List.of("frontDesk"));
        ProcessInstance request;
        try {
            assertThatThrownBy(() -> engine.getFormService().submitStartForm(definition,
                    form(phone, "物理", "标准教师", "换物理", "也许")))
                    .hasMessage("提交内容有误：家长要求退还差价：应为 true（是）或 false（否）");
            request = engine.getFormService().submitStartForm(definition,
                    form(phone, "物理", "标准教师", "换物理", "true"));
        } finally {
            identity.clearAuthentication();
        }

        assertThat(request).hasPassed("StartEvent_TransferAsked", "ServiceTask_SubmitTransfer",
                "EndEvent_TransferRegistered").isEnded();
        Transfer made = transfers.forContract(t.contractId()).get(0);
        assertThat(made.familyAsksRefund()).isTrue();
        assertThat(made.requestedBy()).isEqualTo("zhaomin");
        assertThat(StartForms.told(engine, request.getId())).as("the desk typed only the parent's phone")
                .startsWith(StartForms.holder(jdbc, t.contractId()) + "：转课申请 " + made.transferNo()
                        + " 已登记：剩余 " + made.lessons() + " 课时已转入物理 · 标准教师，");
        assertThat(transferInstances(t)).isOne();
    }

    @Test
    void shouldRefuseABadStartFormByTheFormsFieldNamesAndStoreNothing() {
        TeachingTestSupport.Taught t = paid(1, 1);
        String number = number(t.contractId());
        long before = requests();

        String unknown = refusal("wuting", form(number, "天文", "宗师", " ", false));
        assertThat(unknown).startsWith("提交内容有误：新科目：").contains("；教师级别：").endsWith("；转课原因：必填");
        assertThat(refusal("wuting", form(number, "ALL", "STANDARD", "全科辅导", false))).as("no 1:1 course of 全科")
                .isEqualTo("提交内容有误：新科目：转课须选定一个科目，不能选全科");
        assertThat(refusal("wuting", form(number, "MATH", "SENIOR", "换老师", false)))
                .isEqualTo("提交内容有误：新科目：与当前课程相同（数学 · 高级教师），无需转课");
        assertThat(refusal("wuting", form(number, null, null, "换课", null)))
                .startsWith("提交内容有误：新科目：必填").contains("；教师级别：必填");

        assertThat(refusal("wuting", form("BJ-HD-2026-99999", "天文", "STANDARD", "换物理", false)))
                .as("an unknown contract, reported with the other fields")
                .startsWith("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 BJ-HD-2026-99999；新科目：");
        assertThat(refusal("dingning", form(number, "PHYSICS", "STANDARD", "换物理", false)))
                .as("academic affairs of another campus")
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中没有合同 " + number);
        assertThat(refusal("wuting", form("188 0000 0000", "PHYSICS", "STANDARD", "换物理", false)))
                .as("a phone without a contract")
                .isEqualTo("提交内容有误：合同编号或家长手机号：您负责的校区中，手机号 188 0000 0000 的客户没有有效合同");
        assertThat(refusal("wuting", form("下周转课", "PHYSICS", "STANDARD", "换物理", false)))
                .contains("合同编号或家长手机号：“下周转课”既不是合同编号");
        assertThat(refusal("wuting", form(null, "PHYSICS", "STANDARD", "换物理", false)))
                .as("the API's contractId is the form's contract field")
                .startsWith("提交内容有误：合同编号或家长手机号：必填");
        assertThat(refusal("wuting", form(number, "PHYSICS", "STANDARD", "换物理", "也许")))
                .isEqualTo("提交内容有误：家长要求退还差价：应为 true（是）或 false（否）");
        assertThat(submit("zhengkai", form(number, "PHYSICS", "STANDARD", "换物理", false)).getStatusCode())
                .as("a teacher may not start it").isEqualTo(HttpStatus.FORBIDDEN);

        // a busy contract is refused with its reason
        String refund = refunds.request(new Refunds.Request(t.contractId(), null, "PERSONAL", "家长考虑退费"), "chenxi")
                .refundNo();
        assertThat(refusal("chenxi", form(number, "PHYSICS", "STANDARD", "换物理", false)))
                .as("the refund by its number and where it stands")
                .startsWith("提交内容有误：合同 " + number + " 有进行中的退费申请 " + refund + "（").endsWith("），不能转课");

        assertThat(transfers(t.contractId())).isZero();
        assertThat(movedOut(t.contractId())).isZero();
        assertThat(requests()).as("a refused start form leaves no instance").isEqualTo(before);
        assertThat(transferInstances(t)).isZero();
    }
}
