package com.enrollflow.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;

/** consultation.bpmn (到访与方案规划): every path, with the funnel stages and what staff see. */
@EnrollFlowTest
class ConsultationProcessTests {

    @Autowired
    Sales sales;
    @Autowired
    Leads leads;
    @Autowired
    ProcessEngine engine;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    com.enrollflow.scheduling.SchedulingService scheduling;

    private static String tomorrowAtTen() {
        return OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS).withHour(10).toString();
    }

    @Test
    void shouldTakeTheFamilyFromVisitThroughTestToAPricedPlan() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        assertThat(sales.column(o.opportunityId(), "agreed_at", OffsetDateTime.class)).isNotNull();
        Task book = sales.task(pi);
        assertThat(book).hasDefinitionKey("Task_BookVisit").isAssignedTo("liwei");

        leads.completeAs("liwei", book, Map.of("bookingOutcome", "BOOKED", "visitAt", tomorrowAtTen(),
                "visitNote", "带上最近一次期中试卷"));
        Task visit = sales.task(pi);
        assertThat(visit).hasDefinitionKey("Task_RecordVisit").hasCandidateGroup("frontDesk");
        assertThat(visit.getDueDate()).isNotNull();
        // the front desk reads the booked time as people write it, in Beijing time with the weekday
        assertThat(engine.getTaskService().getVariable(visit.getId(), "visitAtText").toString())
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:00（周[一二三四五六日]）");

        leads.completeAs("zhaomin", visit, Map.of("visitOutcome", "VISITED"));
        assertThat(sales.column(o.opportunityId(), "visited_at", OffsetDateTime.class)).isNotNull();
        assertThat(sales.column(o.opportunityId(), "stage", String.class)).isEqualTo("VISITED");
        Task test = sales.task(pi);
        assertThat(test).hasDefinitionKey("Task_RecordPlacementTest").hasCandidateGroup("teacher");
        // the teacher knows what to test: grade and subject, not the family's budget
        assertThat(engine.getTaskService().getVariable(test.getId(), "studentSummary")).isEqualTo("初二 · 数学");

        leads.completeAs("zhengkai", test, Map.of("testLevel", "INTERMEDIATE", "testScore", 96.5,
                "testAdvice", "函数基础薄弱"));
        Task plan = sales.task(pi);
        assertThat(plan).hasDefinitionKey("Task_MakePlan").isAssignedTo("liwei");
        assertThat(engine.getTaskService().getVariable(plan.getId(), "planBasis"))
                .as("the plan is made from the intent and the test").isEqualTo("初二 · 数学\n入学测试：提高，成绩 96.5\n教学建议：函数基础薄弱");
        assertThat(engine.getTaskService().getVariable(plan.getId(), "packageRule").toString())
                .contains("满 40 课时，一对一课时费减 5%（40课时包）");
        assertThat(engine.getTaskService().getVariable(plan.getId(), "voucherOptions"))
                .as("a family without vouchers: the form hides 代金券").isNull();

        leads.completeAs("liwei", plan, planOf(40, 300, free()));
        assertThat(pi).hasPassed("ServiceTask_CreateQuote").isEnded();
        assertThat(pi).hasPassed("EndEvent_PlanMade");
        assertThat(sales.column(o.opportunityId(), "planned_at", OffsetDateTime.class)).isNotNull();
        assertThat(jdbc.sql("select count(*) from placement_test where opportunity_id = ?").param(o.opportunityId())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select installment_plan from sale_terms s join quote q on q.id = s.quote_id "
                + "where q.opportunity_id = ?").param(o.opportunityId()).query(String.class).single()).isEqualTo("TWO");
    }

    @Test
    void shouldRefuseAPlanThePriceListCannotPriceAndKeepTheTask() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
        Task plan = sales.task(pi);
        assertThat(plan).hasDefinitionKey("Task_MakePlan");

        assertThatThrownBy(() -> leads.completeAs("liwei", plan, planOf(40, 20_000, free())))
                .isInstanceOf(ProcessEngineException.class).hasMessageStartingWith("提交内容有误：特批优惠金额：特批优惠最多 ");
        assertThatThrownBy(() -> leads.completeAs("liwei", plan, Map.of("planOutcome", "PLAN", "lessonSubject", "ALL",
                "installmentPlan", "FULL", "preferredTimes", "礼拜八 25:00")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("上课科目：")
                .hasMessageContaining("教师级别：").hasMessageContaining("每周上课时间偏好：");
        // 北京海淀 has no standard teacher of 初二数学: such a plan would be paid for and never scheduled
        Map<String, Object> standard = new java.util.HashMap<>(planOf(40, 0, free()));
        standard.put("teacherLevel", "STANDARD");
        assertThatThrownBy(() -> leads.completeAs("liwei", plan, standard)).isInstanceOf(ProcessEngineException.class)
                .hasMessage("提交内容有误：教师级别：本校区没有教初二数学的标准教师，这个方案无法排课；可选：高级教师");
        assertThat(sales.task(pi)).hasDefinitionKey("Task_MakePlan");
        assertThat(jdbc.sql("select count(*) from quote where opportunity_id = ?").param(o.opportunityId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void shouldRefuseAPlanWhoseTimesCannotTakeItsLessonsNamingTheTimesToAdd() {
        // another family holds the demo teacher's one free weekly time for the next 30 weeks
        String[] free = free().split(", ");
        String full = free[0];
        Sales.Owned other = sales.owned("ONE_ON_ONE");
        java.time.LocalDate tomorrow = java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).plusDays(1);
        scheduling.propose(new com.enrollflow.scheduling.ScheduleRequest(other.opportunityId(), other.customerId(),
                "占用时间的学员", "BJ-HD", com.enrollflow.reference.Subject.MATH, com.enrollflow.reference.Grade.J2,
                com.enrollflow.reference.TeacherLevel.SENIOR, 30,
                com.enrollflow.scheduling.PreferredTimes.parse(full), tomorrow));
        try {
            Sales.Owned o = sales.owned("ONE_ON_ONE");
            ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
            Task plan = sales.task(pi);
            // 20 lessons at that time alone: paid, they would wait for academic affairs to call; refused while the
            // family is there, under 每周上课时间偏好, naming what to add; nothing stored, the task stays
            String shown = com.enrollflow.scheduling.PreferredTimes.shown(
                    com.enrollflow.scheduling.PreferredTimes.parse(full).get(0));
            assertThatThrownBy(() -> leads.completeAs("liwei", plan, planOf(20, 0, full)))
                    .isInstanceOf(ProcessEngineException.class)
                    .hasMessageStartingWith("提交内容有误：每周上课时间偏好：无法排满课时：北京海淀校区教初二数学的高级教师在偏好时间（"
                            + shown + "）自 " + tomorrow + " 起 28 周内最多只能排 0 节课，需要 20 节；")
                    .hasMessageContaining("。加上以下任一每周时间即可排满：");
            assertThat(sales.task(pi)).hasDefinitionKey("Task_MakePlan");
            assertThat(jdbc.sql("select count(*) from quote where opportunity_id = ?").param(o.opportunityId())
                    .query(Integer.class).single()).isZero();

            // with a free time beside it the plan is made
            leads.completeAs("liwei", plan, planOf(20, 0, full + ", " + free[1]));
            assertThat(pi).hasPassed("EndEvent_PlanMade").isEnded();
        } finally {
            scheduling.closeSchedule(other.opportunityId(), "测试结束", "test");
        }
    }

    /** What Tasklist shows the completer of {@code task} after 完成 (its task-local taskResult); null when nothing. */
    private String told(Task task) {
        var told = engine.getHistoryService().createHistoricVariableInstanceQuery().taskIdIn(task.getId())
                .variableName("taskResult").singleResult();
        return told == null ? null : (String) told.getValue();
    }

    @Test
    void shouldRemindTheFamilyTheDayBeforeTheVisit() {
        Sales.Owned o = sales.owned("ONE_ON_ONE", "visit-reminder@example.com");
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        Task book = sales.task(pi);
        OffsetDateTime at = OffsetDateTime.parse(tomorrowAtTen());
        leads.completeAs("liwei", book, Map.of("bookingOutcome", "BOOKED", "visitAt", at.toString()));
        // the consultant reads when the family is reminded, in Beijing time
        String day = at.atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
        String before = at.minusDays(1).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate().toString();
        assertThat(told(book)).matches("王小明：到访已约在 " + day + " \\d{2}:00（周[一二三四五六日]），到时由前台登记到访；" + before
                + " \\d{2}:00 系统将发邮件提醒家长（visit-reminder@example\\.com）。");

        var timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId("BoundaryEvent_VisitReminderDue").singleResult();
        assertThat(timer.getDuedate()).isAfter(new java.util.Date());
        engine.getManagementService().executeJob(timer.getId());

        assertThat(pi).hasPassed("ServiceTask_SendVisitReminder", "EndEvent_ReminderSent");
        assertThat(sales.task(pi)).hasDefinitionKey("Task_RecordVisit");
        var mail = jdbc.sql("select kind, recipient, subject, status from notification where dedupe_key like ?")
                .param("visit-reminder:" + o.opportunityId() + ":%").query().listOfRows();
        assertThat(mail).hasSize(1);
        assertThat(mail.get(0).get("subject").toString()).contains("到访提醒");
        assertThat(mail.get(0).get("status")).isEqualTo("PENDING");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("notification")
                .active().list()).isNotEmpty();
    }

    /**
     * A family without an e-mail gets no reminder (the mail is skipped): the consultant reads after 预约到访 that
     * nobody will remind the family and that she should phone, since the form promises a reminder mail.
     */
    @Test
    void shouldAskTheConsultantToPhoneAFamilyWithoutAnEmailTheDayBefore() {
        Sales.Owned o = sales.owned("ONE_ON_ONE", null);
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        Task book = sales.task(pi);
        leads.completeAs("liwei", book, Map.of("bookingOutcome", "BOOKED", "visitAt", tomorrowAtTen()));

        assertThat(told(book)).startsWith("王小明：到访已约在 ")
                .endsWith("，到时由前台登记到访；家长没有登记邮箱，系统不会发到访提醒，请在到访前一天电话提醒家长。");
        var timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId())
                .activityId("BoundaryEvent_VisitReminderDue").singleResult();
        engine.getManagementService().executeJob(timer.getId());
        assertThat(jdbc.sql("select status from notification where dedupe_key like ?")
                .param("visit-reminder:" + o.opportunityId() + ":%").query(String.class).single())
                .as("no mail goes out").isEqualTo("SKIPPED");

        assertThat(sales.task(pi)).as("the visit still waits for the front desk").hasDefinitionKey("Task_RecordVisit");
    }

    @Test
    void shouldRebookAfterANoShowAndCloseWhenTheFamilyGivesUp() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt", tomorrowAtTen()));
        leads.completeAs("zhaomin", sales.task(pi), Map.of("visitOutcome", "NO_SHOW", "visitNote", "电话未接"));
        assertThat(sales.task(pi)).hasDefinitionKey("Task_HandleNoShow").isAssignedTo("liwei");
        assertThat(sales.column(o.opportunityId(), "visited_at", OffsetDateTime.class)).isNull();

        leads.completeAs("liwei", sales.task(pi), Map.of("noShowDecision", "REBOOK"));
        assertThat(sales.task(pi)).hasDefinitionKey("Task_BookVisit");
        leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED", "visitAt", tomorrowAtTen()));
        leads.completeAs("zhaomin", sales.task(pi), Map.of("visitOutcome", "NO_SHOW"));
        leads.completeAs("liwei", sales.task(pi), Map.of("noShowDecision", "LOST", "lostReason", "已报其他机构"));

        assertThat(pi).hasPassed("ServiceTask_CloseLost", "EndEvent_DealLost").isEnded();
        assertThat(leads.opportunity(o.opportunityId()).status()).isEqualTo("LOST");
        assertThat(leads.opportunity(o.opportunityId()).closeReason()).isEqualTo("已报其他机构");
    }

    @Test
    void shouldCloseWhenNoVisitCanBeAgreed() {
        Sales.Owned o = sales.owned("CLASS");
        ProcessInstance pi = sales.start("consultation", o, Map.of());
        assertThatThrownBy(() -> leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED",
                "visitAt", "2020-01-01T10:00")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("到访时间：");
        // three in the morning, Beijing time: nobody is at the front desk to receive the family
        String atThree = java.time.ZonedDateTime.now(com.enrollflow.reference.BusinessTime.ZONE).plusDays(2)
                .truncatedTo(ChronoUnit.HOURS).withHour(3).toOffsetDateTime().toString();
        assertThatThrownBy(() -> leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "BOOKED",
                "visitAt", atThree))).isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("到访时间：到访时间须在校区接待时间 08:00–21:00（北京时间）之内");
        assertThat(jdbc.sql("select count(*) from visit where opportunity_id = ?").param(o.opportunityId())
                .query(Long.class).single()).isZero();
        leads.completeAs("liwei", sales.task(pi), Map.of("bookingOutcome", "LOST", "lostReason", "时间不合适"));
        assertThat(pi).hasPassed("EndEvent_DealLost").isEnded();
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("consultationOutcome").singleResult().getValue()).isEqualTo("LOST");
    }

    @Test
    void shouldCloseWhenTheFamilyDeclinesThePlan() {
        Sales.Owned o = sales.owned("CLASS");
        ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
        leads.completeAs("liwei", sales.task(pi), Map.of("planOutcome", "LOST", "lostReason", "价格太高"));
        assertThat(pi).hasPassed("Gateway_PlanMade", "EndEvent_DealLost").isEnded();
    }

    @Test
    void shouldPriceAClassPlanFromTheChosenClasses() {
        Sales.Owned o = sales.owned("CLASS");
        ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
        // an 初二 student is offered the 初二 classes only, and a 高一 class named by hand is refused by its entry
        String offered = engine.getTaskService().getVariable(sales.task(pi).getId(), "classOptions").toString();
        assertThat(offered).contains("BJHD-J2-MATH-W", "BJHD-J2-PHY-W").doesNotContain("BJHD-S1-ENG-S", "P5-ENG");
        assertThatThrownBy(() -> leads.completeAs("liwei", sales.task(pi), Map.of("planOutcome", "PLAN",
                "classOfferingCodes", java.util.List.of("BJHD-J2-MATH-W", "BJHD-S1-ENG-S"), "installmentPlan",
                "FULL"))).hasMessageContaining("第 2 项：班课 BJHD-S1-ENG-S（高一英语春季班）面向高一，学员是初二，不能选");
        leads.completeAs("liwei", sales.task(pi), Map.of("planOutcome", "PLAN",
                "classOfferingCodes", java.util.List.of("BJHD-J2-MATH-W"), "installmentPlan", "FULL"));
        assertThat(pi).hasPassed("EndEvent_PlanMade").isEnded();
        var quote = jdbc.sql("select final_price, lessons from quote where opportunity_id = ?")
                .param(o.opportunityId()).query().singleRow();
        assertThat(new java.math.BigDecimal(quote.get("final_price").toString())).isEqualByComparingTo("2528.00");
    }

    @Test
    void shouldTakeTheHourPackageFromTheLessonsAndRefuseAPackageSubmittedBesideTheForm() {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
        Task plan = sales.task(pi);
        String times = free();
        Map<String, Object> v = planOf(85, 0, times);
        v.put("packageCode", "PKG120"); // an old form's or an API caller's choice: not a question any more
        // a tag list arrives as a list of the slots' values
        v.put("preferredTimes", List.of(times.split(", ")));
        assertThatThrownBy(() -> leads.completeAs("liwei", plan, v))
                .hasMessageContaining("表单中没有这些字段，不能提交：packageCode");
        v.remove("packageCode");
        Map<String, Object> huge = new java.util.HashMap<>(v);
        huge.put("lessons", 3000000000L); // through the engine's REST API: was a server error
        assertThatThrownBy(() -> leads.completeAs("liwei", plan, huge)).hasMessageContaining("课时须在 1 到 500 之间");

        leads.completeAs("liwei", plan, v);

        assertThat(pi).hasPassed("EndEvent_PlanMade").isEnded();
        var quote = jdbc.sql("select q.package_code, q.final_price, s.preferred_times from quote q "
                + "join sale_terms s on s.quote_id = q.id where q.opportunity_id = ?").param(o.opportunityId())
                .query().singleRow();
        assertThat(quote.get("package_code")).isEqualTo("PKG80");
        // 85 × ¥280.00 − 10 %
        assertThat(new java.math.BigDecimal(quote.get("final_price").toString())).isEqualByComparingTo("21420.00");
        assertThat(quote.get("preferred_times")).isEqualTo(times);
    }

    @Test
    void shouldGiveNoPackageBelowTheSmallestAndShowThePricesForTheFormsPreview() throws Exception {
        Sales.Owned o = sales.owned("ONE_ON_ONE");
        ProcessInstance pi = sales.start("consultation", o, Map.of("planRevision", true));
        Task plan = sales.task(pi);
        var prices = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(engine.getTaskService().getVariable(plan.getId(), "planPrices").toString());
        // 北京海淀, 初二 (the opportunity's grade): a senior maths lesson at ¥280.00, in fen; the packages best first
        assertThat(prices.at("/rates/MATH/SENIOR").asLong()).isEqualTo(28000);
        assertThat(prices.at("/packages/0/name").asText()).isEqualTo("120课时包");
        assertThat(prices.at("/packages/0/bp").asLong()).isEqualTo(1200);
        assertThat(engine.getTaskService().getVariable(plan.getId(), "preferredTimeOptions").toString())
                .contains("\"label\":\"周六 09:00\"").contains("\"value\":\"SATURDAY 09:00\"");

        leads.completeAs("liwei", plan, planOf(39, 0, free()));

        var quote = jdbc.sql("select package_code, final_price from quote where opportunity_id = ?")
                .param(o.opportunityId()).query().singleRow();
        assertThat(quote.get("package_code")).isNull();
        assertThat(new java.math.BigDecimal(quote.get("final_price").toString())).isEqualByComparingTo("10920.00");
    }

    /** Two weekly times at which the demo teacher of 初二数学 (高级) has no lesson: a plan at them is schedulable. */
    private String free() {
        return sales.freePreferredTimes(TEACHER);
    }

    static final String TEACHER = "T-BJHD-01";

    static Map<String, Object> planOf(int lessons, int extraDiscount, String preferredTimes) {
        Map<String, Object> v = new java.util.HashMap<>();
        v.put("planOutcome", "PLAN");
        v.put("lessonSubject", "MATH");
        v.put("teacherLevel", "SENIOR");
        v.put("lessons", lessons);
        v.put("extraDiscount", extraDiscount);
        v.put("discountReason", extraDiscount > 0 ? "老客户介绍" : null);
        v.put("installmentPlan", "TWO");
        v.put("preferredTimes", preferredTimes);
        return v;
    }
}
