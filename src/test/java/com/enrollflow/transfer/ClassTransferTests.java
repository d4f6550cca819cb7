package com.enrollflow.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.enrollflow.contract.Contract;
import com.enrollflow.payment.InstallmentPlan;
import com.enrollflow.payment.PaymentMethod;
import com.enrollflow.payment.PaymentOrder;
import com.enrollflow.payment.PaymentService;
import com.enrollflow.teaching.ClassFixtures;
import com.enrollflow.teaching.ClassRollCalls;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 转班 (class transfer, decision 550): a student's class lessons move to another class of the campus, through
 * POST /api/contracts/{id}/class-transfers or the Tasklist start form 申请转班; the next roll calls count them in the
 * new class, the difference is settled by transfer.bpmn as a 转课's, and bad, foreign or racing requests store nothing.
 */
@EnrollFlowTest
class ClassTransferTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    ClassFixtures classes;
    @Autowired
    ClassRollCalls rollCalls;
    @Autowired
    PaymentService payments;
    @Autowired
    Transfers transfers;
    @Autowired
    Leads leads;
    @Autowired
    TransactionTemplate transaction;

    /** A student of a 16-lesson class bought for ¥1,600.00 (¥100.00 a lesson) and paid in full at the desk. */
    private Contract paidStudent(String classCode, String name) {
        Contract c = classes.student("BJ-HD", classCode, name);
        PaymentOrder order = payments.openOrder(c.opportunityId(), c.quoteId(), c.id(), "BJ-HD",
                new BigDecimal("1600.00"), InstallmentPlan.FULL, LocalDate.now());
        payments.record(order.id(), PaymentMethod.CARD, new BigDecimal("1600.00"), "DESK:class-transfer-" + c.id(),
                null, "zhaomin");
        return c;
    }

    private ResponseEntity<JsonNode> post(String user, long contractId, Map<String, ?> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").postForEntity("/api/contracts/" + contractId + "/class-transfers",
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private static Map<String, Object> body(String toClass, String reason, Boolean refundDifference) {
        Map<String, Object> body = new HashMap<>();
        body.put("toClass", toClass);
        body.put("reason", reason);
        body.put("refundDifference", refundDifference);
        return body;
    }

    private int transfers(long contractId) {
        return jdbc.sql("select count(*) from transfer where contract_id = ?").param(contractId).query(Integer.class)
                .single();
    }

    /** The contract's ledger lines as staff read them in GET /api/contracts/{id}: description consumed/remaining. */
    private List<String> hours(long contractId) {
        JsonNode hours = http.withBasicAuth("zhaomin", "demo").getForEntity("/api/contracts/" + contractId,
                JsonNode.class).getBody().get("hours");
        return java.util.stream.StreamSupport.stream(hours.spliterator(), false).map(l -> l.get("kindLabel").asText()
                + " " + l.get("description").asText() + " " + l.get("consumed").asInt() + "/"
                + l.get("remaining").asInt()).toList();
    }

    private List<String> roster(String classCode) {
        return rollCalls.roster(classCode, ClassFixtures.today()).stream().map(s -> s.name() + " " + s.remaining())
                .toList();
    }

    private ResponseEntity<JsonNode> rollCall(String classCode, String correctionReason) {
        Map<String, Object> form = new HashMap<>();
        form.put("classOffering", classCode);
        form.put("heldOn", ClassFixtures.today().toString());
        form.put("correctionReason", correctionReason);
        return StartForms.submit(http, "wuting", "classRollCall", form);
    }

    private ProcessInstance transferProcess(long transferId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("transfer")
                .variableValueEquals("transferId", transferId).singleResult();
    }

    @Test
    void shouldMoveTheRestOfAClassToACheaperOneWhereTheNextRollCallCountsItAndAskTheDifferenceBack() {
        String weekend = classes.newClass("BJ-HD", 16);
        String weekday = classes.newClass("BJ-HD", 16, "1440.00");
        Contract wang = paidStudent(weekend, "王小转");
        Contract li = classes.student("BJ-HD", weekend, "李不动");
        assertThat(rollCall(weekend, null).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> created = post("wuting", wang.id(), body(ClassFixtures.className(weekday),
                "周六上午要参加比赛训练，换到平日班", true));

        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        JsonNode t = created.getBody();
        assertThat(t.get("kindLabel").asText()).isEqualTo("转班");
        assertThat(t.get("fromClassCode").asText()).isEqualTo(weekend);
        assertThat(t.get("toClassCode").asText()).isEqualTo(weekday);
        assertThat(t.get("toTeacherLevel").isNull()).isTrue();
        assertThat(t.get("lessons").asInt()).isEqualTo(15);
        assertThat(t.get("valueOut").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(t.get("valueIn").decimalValue()).isEqualByComparingTo("1350.00");
        assertThat(t.get("difference").decimalValue()).isEqualByComparingTo("-150.00");
        assertThat(t.get("refundable").decimalValue()).as("paid in full: the whole difference")
                .isEqualByComparingTo("150.00");
        assertThat(t.get("computation").asText()).contains("转出：" + ClassFixtures.className(weekend) + "（" + weekend
                + "） 剩余 15 课时，按原成交价折算 ¥1,500.00").contains("15 课时 × 全班价 ¥1,440.00 ÷ 16 次 = ¥1,350.00");
        assertThat(hours(wang.id())).containsExactly("班课 " + ClassFixtures.className(weekend) + " 1/0",
                "班课 转班转入：" + ClassFixtures.className(weekday) + " 0/15");
        assertThat(roster(weekend)).containsExactly("李不动 15");
        assertThat(roster(weekday)).containsExactly("王小转 15");
        // the new class's roll call taken late for yesterday, before 王小转 moved in: not on its roster (a lesson of a
        // class not yet joined, beside the one the old class consumed that day); the old class's yesterday keeps 李不动
        assertThat(rollCalls.roster(weekday, ClassFixtures.today().minusDays(1))).isEmpty();
        assertThat(rollCalls.roster(weekend, ClassFixtures.today().minusDays(1)).stream().map(s -> s.name()))
                .containsExactly("李不动");

        // the next roll call of the new class consumes the moved lessons; the old day cannot be corrected any more
        assertThat(rollCall(weekday, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(hours(wang.id())).last().isEqualTo("班课 转班转入：" + ClassFixtures.className(weekday) + " 1/14");
        ResponseEntity<JsonNode> correction = rollCall(weekend, "点错了");
        assertThat(correction.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(correction.getBody().path("message").asText()).contains("王小转（" + wang.number()
                + "）的班课课时已退费或转出");
        assertThat(hours(li.id())).as("the refused correction gave nothing back").containsExactly("班课 "
                + ClassFixtures.className(weekend) + " 1/15");

        // transfer.bpmn: no scheduling for a class; the difference goes through the refund gate
        jdbc.sql("update customer set email = 'wang.family@example.com' where id = ?").param(wang.customerId())
                .update();
        ProcessInstance process = transferProcess(t.get("id").asLong());
        leads.runJobs(process.getId());
        Transfer settled = transfers.get(t.get("id").asLong());
        assertThat(settled.settlement()).isEqualTo(Transfer.Settlement.REFUND);
        assertThat(settled.refundNo()).isNotNull();
        JsonNode refund = http.withBasicAuth("chenxi", "demo").getForObject("/api/refunds/" + settled.refundNo(),
                JsonNode.class);
        assertThat(refund.get("computation").asText()).as("what the approvers read")
                .startsWith("退费原因：转班差价（" + settled.transferNo() + "）\n转出：");
        assertThat(refund.get("reasonLabel").asText()).as("a 转班's, not a 转课's").isEqualTo("转班差价");
        assertThat(settled.status()).isEqualTo(Transfer.COMPLETED);
        assertThat(jdbc.sql("select recipient || '|' || subject || '|' || body from notification where dedupe_key = ?")
                .param("transfer:" + settled.transferNo()).query(String.class).single())
                .as("the family learns where the lessons went and what becomes of the difference")
                .startsWith("wang.family@example.com|北京海淀校区：转班已办理（" + settled.transferNo() + "）|王小转家长，您好：")
                .contains("王小转已从" + ClassFixtures.className(weekend) + "（" + weekend + "）转入"
                        + ClassFixtures.className(weekday) + "（" + weekday + "），剩余 15 课时从新班级的下一次课起使用。")
                .contains("您多付的 ¥150.00 已提交退费申请（" + settled.refundNo() + "），审批后按原付款方式退还");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(process.getId()).list()).extracting(HistoricActivityInstance::getActivityId)
                .contains("Gateway_ScheduleNeeded", "Gateway_ScheduleSettled", "ServiceTask_CompleteTransfer")
                .doesNotContain("CallActivity_ScheduleNewCourse");
        assertThat(http.withBasicAuth("chenxi", "demo").getForObject("/api/contracts/" + wang.id() + "/transfers",
                JsonNode.class).findValuesAsText("kindLabel")).containsExactly("转班");
    }

    private int consumed(long contractId) {
        return jdbc.sql("select consumed from hours_ledger where contract_id = ? and kind = 'CLASS'")
                .param(contractId).query(Integer.class).single();
    }

    @Test
    void shouldWaitForTheRollCallOfADayTheStudentSatBeforeMovingTheirLessons() {
        String from = classes.newClass("BJ-HD", 16);
        String to = classes.newClass("BJ-HD", 16);
        Contract wang = paidStudent(from, "王待点名");
        LocalDate yesterday = ClassFixtures.today().minusDays(1);
        ProcessInstance day = classes.openClassDay(from, yesterday);
        // a day whose task is open but that somebody marked with the start form 班课点名 does not hold the move up
        LocalDate before = yesterday.minusDays(1);
        classes.openClassDay(from, before);
        Map<String, Object> marked = new HashMap<>();
        marked.put("classOffering", from);
        marked.put("heldOn", before.toString());
        assertThat(StartForms.submit(http, "wuting", "classRollCall", marked).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> refused = post("zhaomin", wang.id(), body(ClassFixtures.className(to), "换到平日班",
                false));
        assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody().toString()).contains(ClassFixtures.className(from) + "（" + from + "）"
                + yesterday + " 的课还没有点名：请任课教师或教务先完成“班课点名”，再转班");
        assertThat(transfers(wang.id())).isZero();
        assertThat(consumed(wang.id())).as("the day marked with the start form").isOne();

        // the teacher's task of that day, completed with nobody ticked: the student sat it and it is consumed
        leads.completeAs("wuting", engine.getTaskService().createTaskQuery().processInstanceId(day.getId())
                .singleResult(), Map.of("onLeave", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[]").create(),
                        "absent", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[]").create()));
        assertThat(consumed(wang.id())).isEqualTo(2);
        ResponseEntity<JsonNode> moved = post("zhaomin", wang.id(), body(ClassFixtures.className(to), "换到平日班",
                false));
        assertThat(moved.getStatusCode()).as(String.valueOf(moved.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(moved.getBody().path("lessons").asInt()).isEqualTo(14);
    }

    @Test
    void shouldAddTheDifferenceAsAnInstallmentWhenTheNewClassCostsMore() {
        String from = classes.newClass("BJ-HD", 16);
        String dearer = classes.newClass("BJ-HD", 16, "1920.00");
        Contract zhou = paidStudent(from, "周补差");

        ResponseEntity<JsonNode> created = post("chenxi", zhou.id(), body(dearer, "家长要求换到提高班", false));

        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("difference").decimalValue()).isEqualByComparingTo("320.00");
        leads.runJobs(transferProcess(created.getBody().get("id").asLong()).getId());
        Transfer t = transfers.get(created.getBody().get("id").asLong());
        assertThat(t.settlement()).isEqualTo(Transfer.Settlement.TOP_UP);
        assertThat(t.status()).as("waiting for the family to pay the difference").isEqualTo(Transfer.IN_PROGRESS);
        PaymentOrder order = payments.forContract(zhou.id()).orElseThrow();
        assertThat(order.installments()).last().satisfies(due -> {
            assertThat(due.seq()).isEqualTo(t.installmentSeq());
            assertThat(due.amount()).isEqualByComparingTo("320.00");
        });
        assertThat(roster(dearer)).containsExactly("周补差 16");
    }

    @Test
    void shouldMoveAStudentWhoseLedgerANodeOfThePreviousReleaseOpened() {
        String from = classes.newClass("BJ-HD", 16);
        String to = classes.newClass("BJ-HD", 16);
        Contract c = classes.student("BJ-HD", from, "钱旧节点");
        classes.openAsThePreviousRelease(c.id());

        ResponseEntity<JsonNode> moved = post("wuting", c.id(), body(to, "换班", null));

        assertThat(moved.getStatusCode()).as(String.valueOf(moved.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(moved.getBody().get("fromClassCode").asText()).isEqualTo(from);
        assertThat(roster(to)).containsExactly("钱旧节点 16");
    }

    @Test
    void shouldRefuseBadFieldsByNameAndStoreNothing() {
        String from = classes.newClass("BJ-HD", 16);
        String shorter = classes.newClass("BJ-HD", 16);
        String shanghai = classes.newClass("SH-PD", 16);
        // a class of another subject, and one of another grade: not parallel classes
        String physics = classes.newClass("BJ-HD", 16);
        jdbc.sql("update class_offering set subject = 'PHYSICS' where code = ?").param(physics).update();
        String senior = classes.newClass("BJ-HD", 16);
        jdbc.sql("update class_offering set grade = 'S3' where code = ?").param(senior).update();
        Contract c = paidStudent(from, "钱乱填");
        // the shorter class has held 10 of its 16 lessons
        for (int day = 1; day <= 10; day++) {
            jdbc.sql("insert into class_session (class_code, campus_code, held_on, recorded_by, recorded_at) values "
                    + "(?, 'BJ-HD', ?, 'wuting', current_timestamp)").params(shorter,
                            ClassFixtures.today().minusDays(day)).update();
        }

        ResponseEntity<JsonNode> blank = post("wuting", c.id(), body(" ", null, null));
        assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(blank.getBody().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("toClass",
                "reason");
        Map<String, String> problems = Map.of(
                physics, ClassFixtures.className(physics) + "（" + physics + "）是初二物理的班，学员现在上的是初二数学；"
                        + "转班只能转到同年级、同科目的平行班，换科目或年级请申请转课",
                senior, ClassFixtures.className(senior) + "（" + senior + "）是高三数学的班，学员现在上的是初二数学；"
                        + "转班只能转到同年级、同科目的平行班，换科目或年级请申请转课",
                "无此班", "北京海淀校区（合同所在校区）没有班级“无此班”",
                shanghai, "北京海淀校区（合同所在校区）没有班级“" + shanghai + "”",
                from, "学员已在" + ClassFixtures.className(from) + "（" + from + "）上课，无需转班",
                shorter, ClassFixtures.className(shorter) + "（" + shorter + "）还剩 6 次课，少于学员在"
                        + ClassFixtures.className(from) + "剩余的 16 课时；请另选班级");
        problems.forEach((toClass, message) -> {
            ResponseEntity<JsonNode> refused = post("wuting", c.id(), body(toClass, "换班", null));
            assertThat(refused.getStatusCode()).as(toClass).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("errors")).singleElement().satisfies(e -> {
                assertThat(e.get("field").asText()).isEqualTo("toClass");
                assertThat(e.get("message").asText()).isEqualTo(message);
            });
        });
        Map<String, Object> wrongFrom = body(shorter, "换班", null);
        wrongFrom.put("fromClass", shanghai);
        assertThat(post("wuting", c.id(), wrongFrom).getBody().get("errors").findValuesAsText("field"))
                .contains("fromClass");

        assertThat(transfers(c.id())).isZero();
        assertThat(hours(c.id())).containsExactly("班课 " + ClassFixtures.className(from) + " 0/16");
    }

    @Test
    void shouldRefuseOtherCampusesRolesThatDoNotTakeTransfersAndABusyContract() {
        String from = classes.newClass("BJ-HD", 16);
        String to = classes.newClass("BJ-HD", 16);
        Contract c = paidStudent(from, "孙忙碌");
        Map<String, Object> move = body(to, "换班", null);
        assertThat(post("dingning", c.id(), move).getStatusCode()).as("SH-PD's academic affairs")
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(post("zhengkai", c.id(), move).getStatusCode()).as("a teacher").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("liwei", c.id(), move).getStatusCode()).as("a consultant").isEqualTo(HttpStatus.FORBIDDEN);

        Contract refundedWhole = classes.student("BJ-HD", from, "吴已退费");
        assertThat(hours(refundedWhole.id())).hasSize(1);
        jdbc.sql("update hours_ledger set refunded = purchased where contract_id = ?").param(refundedWhole.id())
                .update();
        ResponseEntity<JsonNode> nothing = post("wuting", refundedWhole.id(), move);
        assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(nothing.getBody().toString()).contains("没有剩余的班课课时，无法转班");

        assertThat(post("wuting", c.id(), move).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String back = classes.newClass("BJ-HD", 16);
        ResponseEntity<JsonNode> again = post("chenxi", c.id(), body(back, "再换", null));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().toString()).contains("已有进行中的转班");
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> refund = http.withBasicAuth("chenxi", "demo").postForEntity("/api/refunds",
                new HttpEntity<>(Map.of("contractId", c.id(), "reason", "PERSONAL"), json), JsonNode.class);
        assertThat(refund.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refund.getBody().toString()).contains("正在转班（ZK");
        assertThat(transfers(c.id())).isOne();
    }

    @Test
    void shouldMoveTheLessonsOnceWhenTwoDesksAskAtTheSameMoment() throws Exception {
        String from = classes.newClass("BJ-HD", 16);
        String to = classes.newClass("BJ-HD", 16);
        String other = classes.newClass("BJ-HD", 16);
        Contract c = paidStudent(from, "郑并发");

        List<Callable<HttpStatus>> calls = List.of(
                () -> HttpStatus.valueOf(post("wuting", c.id(), body(to, "换班", null)).getStatusCode().value()),
                () -> HttpStatus.valueOf(post("chenxi", c.id(), body(other, "换班", null)).getStatusCode().value()));
        List<HttpStatus> answers = Concurrently.run(calls);

        assertThat(answers).containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.CONFLICT);
        assertThat(transfers(c.id())).isOne();
        assertThat(jdbc.sql("select sum(transferred_out) from hours_ledger where contract_id = ?").param(c.id())
                .query(Integer.class).single()).isEqualTo(16);
        assertThat(hours(c.id())).hasSize(2);
    }

    @Test
    void shouldRefuseARollCallWhoseStudentLeftTheClassWhileItWasTakenNamingThemAndStoreNothing() throws Exception {
        String from = classes.newClass("BJ-HD", 16);
        Contract leaving = classes.student("BJ-HD", from, "吴正转");
        Contract staying = classes.student("BJ-HD", from, "郑留下");
        assertThat(roster(from)).containsExactly("吴正转 16", "郑留下 16");
        CountDownLatch locked = new CountDownLatch(1);
        // a 转班 of the first student, under way: its lock on the class line is held until the roll call waits on it
        Thread transfer = new Thread(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("select line_no from hours_ledger where contract_id = ? for update").param(leaving.id())
                    .query(Integer.class).list();
            locked.countDown();
            sleep(1500);
            jdbc.sql("update hours_ledger set transferred_out = purchased where contract_id = ?").param(leaving.id())
                    .update();
        }));
        transfer.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();

        ResponseEntity<JsonNode> rollCall = rollCall(from, null);
        transfer.join();

        assertThat(rollCall.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rollCall.getBody().path("message").asText()).isEqualTo("提交内容有误：吴正转（" + leaving.number()
                + "）的班课课时刚刚转班或退费，不在这个班的名单中了；请重新点名");
        assertThat(hours(staying.id())).as("all or nothing").containsExactly("班课 " + ClassFixtures.className(from)
                + " 0/16");
        assertThat(roster(from)).as("the roll call taken again finds the class as it is now").containsExactly(
                "郑留下 16");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldTakeTheClassTransferFromTheTasklistStartFormByItsFields() {
        String from = classes.newClass("BJ-HD", 16);
        String to = classes.newClass("BJ-HD", 16, "1440.00");
        Contract c = paidStudent(from, "冯表单");
        Map<String, Object> form = new HashMap<>();
        form.put("contract", c.number().toLowerCase());
        form.put("fromClass", ClassFixtures.className(from));
        form.put("toClass", "没有这个班");
        form.put("reason", "换到周日班");
        form.put("refundDifference", false);

        ResponseEntity<JsonNode> refused = StartForms.submit(http, "zhaomin", "classTransferRequest", form);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().path("message").asText())
                .isEqualTo("提交内容有误：转入班级：北京海淀校区（合同所在校区）没有班级“没有这个班”");
        assertThat(transfers(c.id())).isZero();

        form.put("toClass", to.toLowerCase());
        ResponseEntity<JsonNode> started = StartForms.submit(http, "zhaomin", "classTransferRequest", form);

        assertThat(started.getStatusCode()).as(String.valueOf(started.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(transfers.forContract(c.id())).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Transfer.Kind.CLASS);
            assertThat(t.toClassCode()).isEqualTo(to);
            assertThat(t.requestedBy()).isEqualTo("zhaomin");
            assertThat(t.difference()).isEqualByComparingTo("-160.00");
        });
        assertThat(roster(to)).containsExactly("冯表单 16");
        assertThat(StartForms.told(engine, started)).as("what Tasklist shows the desk after 启动")
                .isEqualTo(StartForms.holder(jdbc, c.id()) + "：转班申请 "
                        + transfers.forContract(c.id()).get(0).transferNo() + " 已登记：剩余 16 课时已转入"
                        + ClassFixtures.className(to) + "（" + to + "），差价 ¥160.00 对家长有利，家长未要求退还："
                        + "先抵减未缴分期款，其余留作账户余额。");
        assertThat(StartForms.submit(http, "zhengkai", "classTransferRequest", form).getStatusCode())
                .as("a teacher may not start it").isEqualTo(HttpStatus.FORBIDDEN);
    }
}
