package com.enrollflow.teaching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.contract.Contract;
import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.StartForms;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 班课点名 (class-roll-call.bpmn, decision 547), submitted as Tasklist sends the start form: the class's students
 * attended unless named, each class line is consumed as class-consumption.dmn says, once per class and day; bad
 * fields are refused by their labels and store nothing.
 */
@EnrollFlowTest
class ClassRollCallTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    com.enrollflow.suspension.Suspensions suspensions;

    @Autowired
    ClassFixtures classes;
    @Autowired
    com.enrollflow.testsupport.Leads leads;

    private static LocalDate today() {
        return ClassFixtures.today();
    }

    private String newClass(String campus, int lessons) {
        return classes.newClass(campus, lessons);
    }

    private static String className(String code) {
        return ClassFixtures.className(code);
    }

    private Contract student(String campus, String classCode, String name) {
        return classes.student(campus, classCode, name);
    }

    private static Map<String, Object> form(String classOffering, Object heldOn, String onLeave, String absent) {
        return form(classOffering, heldOn, onLeave, absent, null);
    }

    private static Map<String, Object> form(String classOffering, Object heldOn, String onLeave, String absent,
            String correctionReason) {
        Map<String, Object> form = new HashMap<>();
        form.put("correctionReason", correctionReason);
        form.put("classOffering", classOffering);
        form.put("heldOn", heldOn);
        form.put("onLeave", onLeave);
        form.put("absent", absent);
        return form;
    }

    private ResponseEntity<JsonNode> submit(String user, Map<String, Object> form) {
        return StartForms.submit(http, user, "classRollCall", form);
    }

    private static String message(ResponseEntity<JsonNode> refused) {
        assertThat(refused.getStatusCode()).as(String.valueOf(refused.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        return refused.getBody().path("message").asText();
    }

    /** The class line of the contract as staff read it in GET /api/contracts/{id}: consumed / remaining. */
    private String classHours(Contract c) {
        JsonNode hours = http.withBasicAuth("zhaomin", "demo").getForEntity("/api/contracts/" + c.id(), JsonNode.class)
                .getBody().get("hours");
        assertThat(hours).singleElement().satisfies(line -> assertThat(line.get("kindLabel").asText())
                .isEqualTo("班课"));
        return hours.get(0).get("consumed").asInt() + "/" + hours.get(0).get("remaining").asInt();
    }

    private int sessions(String classCode) {
        return jdbc.sql("select count(*) from class_session where class_code = ?").param(classCode)
                .query(Integer.class).single();
    }

    @Test
    void shouldConsumeTheClassLineOfEveryStudentButTheOneOnLeaveAndTakeTheClassOnlyOnceADay() {
        String code = newClass("BJ-HD", 16);
        Contract wang = student("BJ-HD", code, "王小明");
        Contract li = student("BJ-HD", code, "李华");
        Contract zhao = student("BJ-HD", code, "赵强");
        LocalDate yesterday = today().minusDays(1);

        ResponseEntity<JsonNode> done = submit("zhengkai", form(className(code), yesterday.toString(), "李华",
                zhao.number()));

        assertThat(done.getStatusCode()).as(String.valueOf(done.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(classHours(wang)).as("出勤").isEqualTo("1/15");
        assertThat(classHours(li)).as("请假: the table keeps the lesson on the contract").isEqualTo("0/16");
        assertThat(classHours(zhao)).as("缺勤 without leave: the class was held").isEqualTo("1/15");
        assertThat(jdbc.sql("select count(*) from hours_entry e join class_session s on s.id = e.class_session_id "
                + "where s.class_code = ? and e.kind = 'CONSUMED' and e.actor = 'zhengkai'").param(code)
                .query(Integer.class).single()).as("the ledger names the roll call").isEqualTo(2);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(done.getBody().get("id").asText()).variableName("rollCallSummary").singleResult()
                .getValue()).isEqualTo(className(code) + " " + yesterday + "：出勤 1 人、请假 1 人、缺勤 1 人，课消 2 人次");
        // what a refund would now count as taught
        assertThat(http.withBasicAuth("chenxi", "demo").getForEntity("/api/contracts/" + wang.id()
                + "/refund-preview?reason=搬家", JsonNode.class).getBody().toString()).contains("\"consumed\":1");

        assertThat(message(submit("wuting", form(code, yesterday.toString(), null, null))))
                .startsWith("提交内容有误：上课日期：" + className(code) + " " + yesterday + " 已点名（zhengkai")
                .endsWith("），不能重复点名；要更正请填写更正原因");
        ResponseEntity<JsonNode> today = submit("wuting", form(code.toLowerCase(), today().toString(), null, null));
        assertThat(today.getStatusCode()).as("another day, by its code").isEqualTo(HttpStatus.OK);
        assertThat(classHours(li)).isEqualTo("1/15");
        assertThat(sessions(code)).isEqualTo(2);

        // what academic affairs read of the class: its roster today and its roll calls, newest first
        JsonNode view = http.withBasicAuth("wuting", "demo").getForObject("/api/classes/" + code, JsonNode.class);
        assertThat(view.get("name").asText()).isEqualTo(className(code));
        assertThat(view.get("students").findValuesAsText("name")).containsExactly("王小明", "李华", "赵强");
        assertThat(view.get("students").findValuesAsText("remaining")).containsExactly("14", "15", "14");
        assertThat(view.get("rollCalls")).hasSize(2);
        assertThat(view.at("/rollCalls/1/heldOn").asText()).isEqualTo(yesterday.toString());
        assertThat(view.at("/rollCalls/1/recordedBy").asText()).isEqualTo("zhengkai");
        assertThat(List.of(view.at("/rollCalls/1/attended").asInt(), view.at("/rollCalls/1/onLeave").asInt(),
                view.at("/rollCalls/1/absent").asInt(), view.at("/rollCalls/1/consumed").asInt()))
                .containsExactly(1, 1, 1, 2);
        assertThat(http.withBasicAuth("hubin", "demo").getForEntity("/api/classes/" + code, JsonNode.class)
                .getStatusCode()).as("浦东's teacher").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("chenxi", "demo").getForEntity("/api/classes/" + code, JsonNode.class)
                .getStatusCode()).as("not a reader of schedules").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> badDay = http.withBasicAuth("wuting", "demo").getForEntity("/api/classes/" + code
                + "?on=昨天", JsonNode.class);
        assertThat(badDay.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDay.getBody().get("errors").findValuesAsText("field")).containsExactly("on");
    }

    @Test
    void shouldRefuseEachBadFieldByItsLabelAndRecordNothing() {
        String code = newClass("BJ-HD", 16);
        Contract wang = student("BJ-HD", code, "王小明");
        student("BJ-HD", code, "王小明");
        student("BJ-HD", code, "刘洋");
        String pudong = newClass("SH-PD", 16);
        String yesterday = today().minusDays(1).toString();

        assertThat(message(submit("zhengkai", form(className(pudong), yesterday, null, null))))
                .as("another campus's class").isEqualTo("提交内容有误：班级：您负责的校区没有班级“" + className(pudong) + "”");
        assertThat(message(submit("zhengkai", form(code, today().plusDays(1).toString(), null, null))))
                .isEqualTo("提交内容有误：上课日期：不能为还没到的日期点名");
        assertThat(message(submit("zhengkai", form(code, today().minusDays(8).toString(), null, null))))
                .isEqualTo("提交内容有误：上课日期：" + className(code) + "于 " + today().minusDays(7) + " 开课，此前没有课");
        assertThat(message(submit("zhengkai", form(code, "上周五", null, null))))
                .isEqualTo("提交内容有误：上课日期：日期格式应为 2026-12-01");
        assertThat(message(submit("zhengkai", form(code, yesterday, "王小明", "张三"))))
                .isEqualTo("提交内容有误：请假学员：有多位学员名为“王小明”，请填写合同编号（" + wang.number() + "、"
                        + jdbc.sql("select number from contract c join quote_line q on q.quote_id = c.quote_id "
                                + "join customer cu on cu.id = c.customer_id where q.item_code = ? and cu.name = "
                                + "'王小明' and c.id <> ?").params(code, wang.id()).query(String.class).single()
                        + "）；缺勤学员：“张三”不在" + className(code) + "的在读名单中（在读：王小明、刘洋）");
        assertThat(message(submit("zhengkai", form(code, yesterday, "刘洋", "刘洋"))))
                .isEqualTo("提交内容有误：缺勤学员：刘洋（" + jdbc.sql("select c.number from contract c join customer cu "
                        + "on cu.id = c.customer_id join quote_line q on q.quote_id = c.quote_id where q.item_code = ? "
                        + "and cu.name = '刘洋'").param(code).query(String.class).single() + "）已填在请假学员中");
        assertThat(submit("liwei", form(code, yesterday, null, null)).getStatusCode())
                .as("a consultant does not take a class's attendance").isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(sessions(code)).as("nothing recorded").isZero();
        assertThat(classHours(wang)).isEqualTo("0/16");
        String empty = newClass("BJ-HD", 16);
        assertThat(message(submit("zhengkai", form(empty, yesterday, null, null))))
                .isEqualTo("提交内容有误：班级：" + className(empty) + "（" + empty + "）这天没有在读且有剩余课时的学员");
    }

    @Test
    void shouldReplaceTheDaysMarksWhenTheRollCallIsTakenAgainWithAReason() {
        String code = newClass("BJ-HD", 16);
        Contract wang = student("BJ-HD", code, "王小明");
        Contract li = student("BJ-HD", code, "李华");
        String day = today().minusDays(2).toString();
        assertThat(message(submit("zhengkai", form(code, day, null, null, "点错了"))))
                .isEqualTo("提交内容有误：更正原因：" + className(code) + " " + day + " 还没有点名，无需更正");
        assertThat(submit("zhengkai", form(code, day, null, "李华")).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(classHours(li)).isEqualTo("1/15");

        // a correction refused gives nothing back
        assertThat(message(submit("wuting", form(code, day, "李华", "张三", "李华其实请了假"))))
                .startsWith("提交内容有误：缺勤学员：“张三”不在");
        assertThat(classHours(li)).isEqualTo("1/15");
        // 李华 had asked for leave, 王小明 was the one missing: both marks change, the ledger keeps both
        ResponseEntity<JsonNode> corrected = submit("wuting", form(code, day, "李华", "王小明", "李华其实请了假"));

        assertThat(corrected.getStatusCode()).as(String.valueOf(corrected.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(classHours(li)).as("given back").isEqualTo("0/16");
        assertThat(classHours(wang)).as("缺勤 consumes as before").isEqualTo("1/15");
        assertThat(jdbc.sql("select e.kind || ' ' || e.lessons from hours_entry e where e.contract_id = ? "
                + "and e.class_session_id is not null order by e.id").param(li.id()).query(String.class).list())
                .containsExactly("CONSUMED 1", "RESTORED -1");
        assertThat(jdbc.sql("select corrected_by || '/' || correction_reason from class_session where class_code = ?")
                .param(code).query(String.class).single()).isEqualTo("wuting/李华其实请了假");
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(corrected.getBody().get("id").asText()).variableName("rollCallSummary")
                .singleResult().getValue()).isEqualTo("更正后：" + className(code) + " " + day
                        + "：请假 1 人、缺勤 1 人，课消 1 人次");
        assertThat(sessions(code)).isEqualTo(1);

        // once 王小明's lessons left are refunded, the lesson this roll call consumed cannot come back
        jdbc.sql("update hours_ledger set refunded = purchased - consumed where contract_id = ?").param(wang.id())
                .update();
        ResponseEntity<JsonNode> late = submit("wuting", form(code, day, "李华、王小明", null, "王小明也请了假"));
        assertThat(late.getStatusCode()).as("Tasklist shows a start form's refusal above the form")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(late.getBody().path("message").asText())
                .contains("王小明（" + wang.number() + "）的班课课时已退费或转出，这次点名不能再更正");
        assertThat(classHours(li)).as("nothing given back").isEqualTo("0/16");
    }

    @Test
    void shouldRecordOneRollCallWhenSeveralAreSubmittedAtOnceAndConsumeEachLessonOnce() throws Exception {
        String code = newClass("BJ-HD", 16);
        Contract one = student("BJ-HD", code, "孙悦");
        Contract two = student("BJ-HD", code, "钱多");
        String day = today().minusDays(3).toString();

        List<ResponseEntity<JsonNode>> first = Concurrently.run(Stream.of("zhengkai", "wuting", "zhengkai", "wuting")
                .<Callable<ResponseEntity<JsonNode>>>map(user -> () -> submit(user, form(code, day, null, null)))
                .toList());
        assertThat(first).filteredOn(r -> r.getStatusCode() == HttpStatus.OK).hasSize(1);
        assertThat(first).filteredOn(r -> r.getStatusCode() != HttpStatus.OK).allSatisfy(r -> assertThat(
                r.getBody().path("message").asText()).containsAnyOf("已点名", "刚刚已由他人点名"));
        assertThat(sessions(code)).isEqualTo(1);
        assertThat(classHours(one)).isEqualTo("1/15");
        assertThat(classHours(two)).isEqualTo("1/15");

        // corrections at once take turns: whatever their order, each lesson is consumed once at the end
        List<ResponseEntity<JsonNode>> corrections = Concurrently.run(Stream.of("zhengkai", "wuting", "wuting")
                .<Callable<ResponseEntity<JsonNode>>>map(user -> () -> submit(user, form(code, day, "钱多", null,
                        "钱多请了假"))).toList());
        assertThat(corrections).allSatisfy(r -> assertThat(r.getStatusCode()).as(String.valueOf(r.getBody()))
                .isEqualTo(HttpStatus.OK));
        assertThat(classHours(one)).isEqualTo("1/15");
        assertThat(classHours(two)).isEqualTo("0/16");
    }

    @Test
    void shouldSellAFamilyJoiningAClassUnderWayTheLessonsLeftAndMarkThemFromTheNextRollCall() {
        String code = newClass("BJ-HD", 16);
        student("BJ-HD", code, "王早到");
        assertThat(submit("wuting", form(code, today().minusDays(1).toString(), null, null)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(submit("wuting", form(code, today().minusDays(2).toString(), null, null)).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // 插班: two of the sixteen lessons were held, so the family buys fourteen, at 14/16 of ¥1,600.00
        Contract late = student("BJ-HD", code, "李插班");

        assertThat(late.finalPrice()).isEqualByComparingTo("1400.00");
        assertThat(classHours(late)).isEqualTo("0/14");
        jdbc.sql("update class_offering set active = true where code = ?").param(code).update();
        try {
            JsonNode listed = http.withBasicAuth("liwei", "demo").getForObject("/api/price-list?campus=BJ-HD",
                    JsonNode.class);
            assertThat(listed.findParents("code").stream().filter(e -> code.equals(e.path("code").asText())))
                    .singleElement().satisfies(e -> {
                        assertThat(e.get("name").asText()).isEqualTo(className(code) + "·插班");
                        assertThat(e.get("lessons").asInt()).isEqualTo(14);
                        assertThat(e.get("price").decimalValue()).isEqualByComparingTo("1400.00");
                    });
        } finally {
            jdbc.sql("update class_offering set active = false where code = ?").param(code).update();
        }
        assertThat(submit("wuting", form(code, today().toString(), null, null)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(classHours(late)).isEqualTo("1/13");
    }

    @Test
    void shouldMarkAStudentWhoseLedgerANodeOfThePreviousReleaseOpened() {
        String code = newClass("BJ-HD", 16);
        Contract c = student("BJ-HD", code, "赵旧节点");
        classes.openAsThePreviousRelease(c.id());

        assertThat(submit("wuting", form(code, today().toString(), null, null)).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertThat(classHours(c)).isEqualTo("1/15");
        assertThat(jdbc.sql("select class_code from hours_ledger where contract_id = ?").param(c.id())
                .query(String.class).single()).isEqualTo(code);
    }

    @Test
    void shouldLeaveAStudentOutOfTheRollCallsOfTheirSuspension() {
        String code = newClass("BJ-HD", 16);
        Contract present = student("BJ-HD", code, "周杰");
        Contract away = student("BJ-HD", code, "吴敏");
        suspensions.suspend(away.id(), new com.enrollflow.suspension.Suspensions.Request(today().toString(),
                today().plusDays(10).toString(), "住院"), "wuting");

        assertThat(submit("zhengkai", form(code, today().minusDays(1).toString(), null, null)).getStatusCode())
                .as("the day before it").isEqualTo(HttpStatus.OK);
        assertThat(classHours(away)).isEqualTo("1/15");
        assertThat(message(submit("zhengkai", form(code, today().toString(), null, "吴敏"))))
                .isEqualTo("提交内容有误：缺勤学员：吴敏（" + away.number() + "）停课中（" + today() + " 至 "
                        + today().plusDays(10) + "），不在这天的点名名单中");
        assertThat(submit("zhengkai", form(code, today().toString(), null, null)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(classHours(away)).as("停课: the lessons are frozen").isEqualTo("1/15");
        assertThat(classHours(present)).isEqualTo("2/14");
    }

    @Test
    void shouldStartTheFamilysRenewalWhenTheClassLessonsLeftReachTheTablesLine() {
        // renewal-policy.dmn: a class reminds at 6 lessons left
        String code = newClass("BJ-HD", 7);
        Contract c = student("BJ-HD", code, "陈晨");
        assertThat(jdbc.sql("select count(*) from renewal where contract_id = ?").param(c.id()).query(Integer.class)
                .single()).isZero();

        assertThat(submit("zhengkai", form(code, today().toString(), null, null)).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        assertThat(classHours(c)).isEqualTo("1/6");
        assertThat(leads.runLessonFollowUps(c.opportunityId())).as("课消后续跟进 of the roll call").isOne();
        assertThat(jdbc.sql("select subject || ' ' || body from notification where opportunity_id = ? and kind = "
                + "'LESSON_CONSUMED'").param(c.opportunityId()).query(String.class).single())
                .contains("：课时扣减通知（" + today() + "）").contains("陈晨的班课“")
                .contains("）已点名为“出勤”，扣减 1 课时。").contains("中该班剩余课时：6 课时。");
        assertThat(jdbc.sql("select trigger_kind || '/' || remaining_at_start from renewal where contract_id = ?")
                .param(c.id()).query(String.class).single()).isEqualTo("HOURS_LOW/6");
    }

    /** The family's 课消 mails (课时扣减通知, 课时退回通知), subject and body, oldest first. */
    private List<String> mails(Contract c) {
        return jdbc.sql("select subject || ' ' || body from notification where opportunity_id = ? and kind = "
                + "'LESSON_CONSUMED' order by id").param(c.opportunityId()).query(String.class).list();
    }

    @Test
    void shouldTellTheFamiliesWhoseClassLessonACorrectionGivesBackAndNotTheOthersAgain() {
        String code = newClass("BJ-HD", 16);
        Contract wang = student("BJ-HD", code, "王小明");
        Contract li = student("BJ-HD", code, "李华");
        Contract zhao = student("BJ-HD", code, "赵强");
        String day = today().minusDays(1).toString();
        assertThat(submit("zhengkai", form(code, day, null, null)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(leads.runLessonFollowUps(wang.opportunityId())).isOne();
        assertThat(leads.runLessonFollowUps(li.opportunityId())).isOne();
        assertThat(mails(li)).singleElement().asString().contains("）已点名为“出勤”，扣减 1 课时。");
        // 赵强's follow-up has not run yet when the correction comes

        // 李华 and 赵强 had asked for leave: their lessons come back, 王小明's deduction stands as it was
        ResponseEntity<JsonNode> corrected = submit("wuting", form(code, day, "李华、赵强", null, "两人其实请了假"));
        assertThat(corrected.getStatusCode()).as(String.valueOf(corrected.getBody())).isEqualTo(HttpStatus.OK);
        assertThat(leads.runLessonFollowUps(wang.opportunityId())).as("王小明's hours did not change").isZero();
        assertThat(leads.runLessonFollowUps(li.opportunityId())).isOne();
        assertThat(leads.runLessonFollowUps(zhao.opportunityId())).as("the roll call's, the correction's").isEqualTo(2);

        assertThat(mails(wang)).as("one deduction, one mail").singleElement().asString()
                .contains("已点名为“出勤”，扣减 1 课时。");
        assertThat(mails(li)).hasSize(2).last().asString().contains("：课时退回通知（" + day + "）")
                .contains("李华家长，您好：").contains("李华的班课“" + className(code) + "”（")
                .contains("）点名已更正为“请假”（原为“出勤”），退回 1 课时。").contains("合同 " + li.number()
                        + " 中该班剩余课时：16 课时。");
        assertThat(mails(zhao)).as("never told of the deduction, so not of its return").isEmpty();

        // 李华 came after all: the deduction is mailed anew, the others hear nothing
        assertThat(submit("wuting", form(code, day, "赵强", null, "李华其实来了")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(leads.runLessonFollowUps(li.opportunityId())).isOne();
        assertThat(leads.runLessonFollowUps(wang.opportunityId()) + leads.runLessonFollowUps(zhao.opportunityId()))
                .isZero();
        assertThat(mails(li)).hasSize(3).last().asString().contains("）已点名为“出勤”，扣减 1 课时。")
                .contains("中该班剩余课时：15 课时。");
    }

    /**
     * A teacher's roll call while a process owner has suspended 课消后续跟进 (which every lesson consumed starts, in
     * the same transaction): refused in Chinese, naming the process and who can lift it, and nothing consumed — what
     * follows a mark is never silently dropped. Activated again, the same roll call goes through.
     */
    @Test
    void shouldRefuseTheRollCallNamingTheSuspendedFollowUpAndConsumeNothing() {
        String code = newClass("BJ-HD", 16);
        Contract c = student("BJ-HD", code, "周洋");
        String day = today().minusDays(1).toString();
        engine.getRepositoryService().suspendProcessDefinitionByKey("lessonFollowUps");
        try {
            assertThat(message(submit("zhengkai", form(code, day, null, null)))).isEqualTo(
                    "无法办理：流程“课消后续跟进”已被暂停（挂起），不能启动；请流程负责人在 Cockpit 中激活后再试，此次操作未做任何更改");
            assertThat(sessions(code)).isZero();
            assertThat(classHours(c)).isEqualTo("0/16");
        } finally {
            engine.getRepositoryService().activateProcessDefinitionByKey("lessonFollowUps");
        }
        assertThat(submit("zhengkai", form(code, day, null, null)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(classHours(c)).isEqualTo("1/15");
    }
}
