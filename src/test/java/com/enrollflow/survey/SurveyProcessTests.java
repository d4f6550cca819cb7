package com.enrollflow.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.enrollflow.teaching.Attendance;
import com.enrollflow.teaching.TeachingTestSupport;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * satisfaction-survey.bpmn (满意度调查): the 3rd lesson consumed and the contract's last one each send the family a
 * signed link, once; the family answers on the public page without logging in; a low score gives customer service a
 * care call; an unanswered link expires. The page refuses bad ratings by field, forged and expired links, and a second
 * answer, storing nothing.
 */
@EnrollFlowTest
class SurveyProcessTests {

    private static final Pattern LINK = Pattern.compile("/survey/([0-9]+\\.[0-9]+\\.[A-Za-z0-9_-]+)");

    @Autowired
    ProcessEngine engine;
    @Autowired
    TeachingTestSupport teaching;
    @Autowired
    Attendance attendance;
    @Autowired
    SurveyTokens tokens;
    @Autowired
    Leads leads;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRestTemplate http;

    /** A contract with lessons {@code past} of which {@code taught} were attended; its family has an e-mail. */
    private TeachingTestSupport.Taught mailable(int past, int taught) {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(past, 0);
        jdbc.sql("update customer set email = 'family@example.com' where id = (select customer_id from contract "
                + "where id = ?)").param(t.contractId()).update();
        List<Long> lessons = jdbc.sql("select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? order by l.seq").param(t.opportunityId()).query(Long.class).list();
        for (long lesson : lessons.subList(0, taught)) {
            attendance.mark(lesson, new Attendance.MarkRequest("ATTENDED", null, null, null),
                    new Attendance.Marker("zhengkai", false));
        }
        leads.runLessonFollowUps(t.opportunityId());
        return t;
    }

    private long surveyOf(long contractId, String occasion) {
        return jdbc.sql("select id from survey where contract_id = ? and occasion = ?").params(contractId, occasion)
                .query(Long.class).single();
    }

    private ProcessInstance instance(long surveyId) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey("satisfactionSurvey").variableValueEquals("surveyId", surveyId).singleResult();
        leads.runJobs(pi.getId());
        return pi;
    }

    /** The token of the link in the family's mail. */
    private String mailedToken(long surveyId) {
        String body = jdbc.sql("select body from notification where dedupe_key = ?").param("survey:" + surveyId)
                .query(String.class).single();
        Matcher m = LINK.matcher(body);
        assertThat(m.find()).as(body).isTrue();
        assertThat(body).contains("http://localhost:8080/survey/").contains("14 天内有效");
        return m.group(1);
    }

    private ResponseEntity<String> open(String token) {
        return http.getForEntity("/survey/" + token, String.class);
    }

    private ResponseEntity<String> submit(String token, String teacher, String course, String service, String comment) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (teacher != null) {
            form.add("teacherRating", teacher);
        }
        if (course != null) {
            form.add("courseRating", course);
        }
        if (service != null) {
            form.add("serviceRating", service);
        }
        if (comment != null) {
            form.add("comment", comment);
        }
        return http.postForEntity("/survey/" + token, new HttpEntity<>(form, headers), String.class);
    }

    @Test
    void shouldAskAfterTheThirdLessonOnceAndEndWhenTheFamilyIsSatisfied() {
        TeachingTestSupport.Taught t = mailable(4, 3);
        long surveyId = surveyOf(t.contractId(), "AFTER_THIRD_LESSON");
        ProcessInstance pi = instance(surveyId);
        assertThat(pi.getBusinessKey()).isEqualTo(String.valueOf(t.opportunityId()));
        assertThat(pi).hasPassed("ServiceTask_SendSurvey").isWaitingAt("Gateway_AwaitAnswer");
        String token = mailedToken(surveyId);

        // the 4th lesson, and a correction of the 3rd, ask nothing more
        Long fourth = jdbc.sql("select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? order by l.seq").param(t.opportunityId()).query(Long.class).list().get(3);
        attendance.mark(fourth, new Attendance.MarkRequest("ATTENDED", null, null, null),
                new Attendance.Marker("zhengkai", false));
        leads.runLessonFollowUps(t.opportunityId());
        assertThat(jdbc.sql("select count(*) from survey where contract_id = ?").param(t.contractId())
                .query(Integer.class).single()).isEqualTo(1);

        ResponseEntity<String> page = open(token);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(SurveyPageController.POLICY);
        assertThat(page.getBody()).contains("满意度调查").contains("第 3 次课后").contains("老师（郑凯）")
                .contains("name=\"viewport\"").doesNotContain("课消学员");

        ResponseEntity<String> done = submit(token, "5", "4", "5", "老师很耐心 <b>谢谢</b>");
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(done.getBody()).contains("感谢您的评价");
        assertThat(jdbc.sql("select teacher_rating || '/' || course_rating || '/' || service_rating || ' ' || comment "
                + "from survey where id = ?").param(surveyId).query(String.class).single())
                .isEqualTo("5/4/5 老师很耐心 <b>谢谢</b>");
        leads.runJobs(pi.getId());
        assertThat(pi).hasPassed("BusinessRuleTask_DecideFollowUp", "EndEvent_Satisfied").isEnded();

        // the link is used: opened again it says so; a second submission stores nothing
        assertThat(open(token).getBody()).contains("已经提交过");
        ResponseEntity<String> again = submit(token, "1", "1", "1", "改主意了");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).contains("已收到");
        assertThat(jdbc.sql("select teacher_rating from survey where id = ?").param(surveyId).query(Integer.class)
                .single()).isEqualTo(5);
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void shouldStoreOneOfFiveSubmissionsSentAtOnceAndThankOnlyThatOne(
            org.springframework.boot.test.system.CapturedOutput log) throws Exception {
        TeachingTestSupport.Taught t = mailable(4, 3);
        long surveyId = surveyOf(t.contractId(), "AFTER_THIRD_LESSON");
        instance(surveyId);
        String token = mailedToken(surveyId);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ResponseEntity<String>>> sent = new java.util.ArrayList<>();
        try {
            for (int i = 1; i <= 5; i++) {
                String rating = String.valueOf(i);
                sent.add(pool.submit(() -> {
                    start.await();
                    return submit(token, rating, rating, rating, "第 " + rating + " 台手机");
                }));
            }
            start.countDown();
            List<String> pages = new java.util.ArrayList<>();
            for (var f : sent) {
                ResponseEntity<String> answer = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                // a failure names the server's error as logged, which a 500's page does not
                assertThat(answer.getStatusCode()).as(() -> serverErrors(log)).isEqualTo(HttpStatus.OK);
                pages.add(answer.getBody());
            }
            assertThat(pages).filteredOn(p -> p.contains("感谢您的评价")).hasSize(1);
            assertThat(pages).filteredOn(p -> p.contains("以第一次提交的评价为准")).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> stored = jdbc.sql("select teacher_rating, comment from survey where id = ?")
                .param(surveyId).query().singleRow();
        assertThat(stored.get("comment")).isEqualTo("第 " + stored.get("teacher_rating") + " 台手机");
        assertThat(jdbc.sql("select count(*) from timeline_event where opportunity_id = ? and event_type = ?")
                .params(t.opportunityId(), "SURVEY_ANSWERED").query(Integer.class).single()).isOne();
    }

    /**
     * The server's first unexpected error or concurrent change as logged: its message, each cause and the frames in
     * the application's code (the stack's other frames left out).
     */
    private static String serverErrors(org.springframework.boot.test.system.CapturedOutput log) {
        String all = log.getAll();
        int from = java.util.stream.IntStream.of(all.indexOf("unexpected error"), all.indexOf("concurrent change on"))
                .filter(i -> i >= 0).min().orElse(-1);
        if (from < 0) {
            return "the log names no error";
        }
        return all.substring(from).lines().filter(l -> !l.strip().startsWith("at ") || l.contains("com.enrollflow"))
                .filter(l -> !l.strip().startsWith("...")).limit(60).collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void shouldGiveCustomerServiceACareCallAfterALowScore() {
        TeachingTestSupport.Taught t = mailable(3, 3);
        long surveyId = surveyOf(t.contractId(), "AFTER_THIRD_LESSON");
        ProcessInstance pi = instance(surveyId);
        assertThat(submit(mailedToken(surveyId), "2", "4", "4", "老师经常迟到").getStatusCode()).isEqualTo(HttpStatus.OK);
        leads.runJobs(pi.getId());
        assertThat(pi).isWaitingAt("Task_SurveyCareCall");
        Task call = engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
        // 短期内回访: due two days after the answer, so one left undone shows in 本组逾期任务
        assertThat(call.getDueDate()).isCloseTo(new java.util.Date(call.getCreateTime().getTime() + 48 * 3_600_000L), 60_000);
        assertThat(engine.getTaskService().createTaskQuery().taskId(call.getId()).taskCandidateGroup("customerService")
                .count()).isEqualTo(1);
        assertThat((String) engine.getTaskService().getVariableLocal(call.getId(), "surveySummary"))
                .contains("老师（郑凯） 2 分").contains("老师经常迟到").contains("有一项评分在 2 分及以下");
        assertThatThrownBy(() -> leads.completeAs("chenxi", call, Map.of("careCallOutcome", " ")))
                .hasMessageContaining("回访结果：必填");
        leads.completeAs("chenxi", call, Map.of("careCallOutcome", "已致歉，安排教务与老师沟通准时上课"));
        assertThat(pi).hasPassed("EndEvent_CareCalled").isEnded();
        assertThat(jdbc.sql("select count(*) from timeline_event where opportunity_id = ? and event_type = 'SURVEY_CARE_CALL'")
                .param(t.opportunityId()).query(Integer.class).single()).isEqualTo(1);

        // 低分问卷: the 低分数 of the report opens this answer, with the family, for those who may see families
        String today = java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).toString();
        String period = "from=" + today + "&to=" + today;
        JsonNode teacherRow = null;
        for (JsonNode r : http.withBasicAuth("zhouhua", "demo").getForObject("/api/reports/satisfaction?" + period,
                JsonNode.class).get("teachers")) {
            if ("T-BJHD-01".equals(r.get("teacherId").asText())) {
                teacherRow = r;
            }
        }
        JsonNode low = http.withBasicAuth("zhouhua", "demo").getForObject(
                "/api/reports/satisfaction/low-scores?" + period + "&campus=BJ-HD&teacher=T-BJHD-01", JsonNode.class);
        assertThat(low.get("total").asLong()).as("the list is the count it opens")
                .isEqualTo(teacherRow.get("lowScores").asLong()).isPositive();
        JsonNode mine = null;
        for (JsonNode r : low.get("surveys")) {
            if (r.get("surveyId").asLong() == surveyId) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("teacherRating").asInt()).isEqualTo(2);
        assertThat(mine.get("comment").asText()).isEqualTo("老师经常迟到");
        assertThat(mine.get("teacherName").asText()).isEqualTo("郑凯");
        assertThat(mine.get("occasionLabel").asText()).isEqualTo("第 3 次课后");
        assertThat(mine.get("opportunityId").asLong()).isEqualTo(t.opportunityId());
        assertThat(mine.get("customerName").asText()).isEqualTo(jdbc.sql("select c.name from customer c join "
                + "opportunity o on o.customer_id = c.id where o.id = ?").param(t.opportunityId()).query(String.class)
                .single());
        assertThat(low.get("filters").asText()).isEqualTo("北京海淀校区 · 郑凯");
        ResponseEntity<byte[]> xlsx = http.withBasicAuth("zhouhua", "demo").getForEntity(
                "/api/reports/satisfaction/low-scores?" + period + "&teacher=T-BJHD-01&format=xlsx", byte[].class);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx.getBody()))) {
            var sheet = book.getSheet("低分问卷");
            assertThat(sheet.getRow(0).getCell(11).getStringCellValue()).isEqualTo("意见");
            assertThat(sheet.getLastRowNum()).isEqualTo(low.get("surveys").size());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(http.withBasicAuth("caiwen", "demo").getForObject("/api/reports/satisfaction/low-scores?" + period,
                JsonNode.class).get("surveys").findValuesAsText("surveyId")).as("another campus's director")
                .doesNotContain(String.valueOf(surveyId));
        for (String user : new String[] {"hanmei", "chenxi", "zhengkai"}) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity("/api/reports/satisfaction/low-scores?" + period,
                    String.class).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        ResponseEntity<String> bad = http.withBasicAuth("zhouhua", "demo").getForEntity(
                "/api/reports/satisfaction/low-scores?" + period + "&teacher=郑 凯", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("teacher");
    }

    @Test
    void shouldRefuseBadRatingsByFieldAndForgedOrExpiredLinksStoringNothing() {
        TeachingTestSupport.Taught t = mailable(3, 3);
        long surveyId = surveyOf(t.contractId(), "AFTER_THIRD_LESSON");
        ProcessInstance pi = instance(surveyId);
        String token = mailedToken(surveyId);

        ResponseEntity<String> bad = submit(token, "7", null, "3", "<script>alert(1)</script>");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("id=\"teacherRating-error\">老师的评分只能是 1 到 5 分")
                .contains("id=\"courseRating-error\">请为课程打分").doesNotContain("serviceRating-error")
                .contains("value=\"3\" checked").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertThat(jdbc.sql("select count(*) from survey where id = ? and answered_at is null").param(surveyId)
                .query(Integer.class).single()).isEqualTo(1);
        ResponseEntity<String> nul = submit(token, "5", "5", "5", "很好\u0000"); // PostgreSQL refuses a NUL byte
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nul.getBody()).contains("id=\"comment-error\">第 3 个字符是控制字符（U+0000），请删除后再提交");
        // a direction override would show staff the comment reversed ("老师很好" as it is not stored)
        ResponseEntity<String> reversed = submit(token, "5", "5", "5", "\u202E好很师老");
        assertThat(reversed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(reversed.getBody()).contains("第 1 个字符是文字方向控制字符（U+202E），请删除后再提交");
        assertThat(jdbc.sql("select count(*) from survey where id = ? and answered_at is null").param(surveyId)
                .query(Integer.class).single()).isEqualTo(1);

        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(open(forged).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(open(forged).getBody()).contains("链接无效");
        String otherSurvey = (surveyId + 1000000) + token.substring(token.indexOf('.'));
        assertThat(submit(otherSurvey, "5", "5", "5", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        // 14 days later the link has expired, and the process ends unanswered
        jdbc.sql("update survey set expires_at = ? where id = ?").params(OffsetDateTime.now().minusMinutes(1), surveyId)
                .update();
        String expired = tokens.issue(surveyId, jdbc.sql("select expires_at from survey where id = ?").param(surveyId)
                .query(OffsetDateTime.class).single().toInstant());
        ResponseEntity<String> late = submit(expired, "5", "5", "5", null);
        assertThat(late.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(late.getBody()).contains("已经过期");
        assertThat(open(token).getStatusCode()).as("the old expiry no longer matches").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jdbc.sql("select count(*) from survey where id = ? and answered_at is null").param(surveyId)
                .query(Integer.class).single()).isEqualTo(1);
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
        engine.getManagementService().executeJob(timer.getId());
        assertThat(pi).hasPassed("TimerEvent_SurveyExpired", "EndEvent_SurveyExpired").isEnded();
    }

    @Test
    void shouldAskAgainWhenTheLastLessonIsConsumedAndReportPerCampusAndTeacher() {
        TeachingTestSupport.Taught t = mailable(4, 0);
        teaching.leaveOnly(t.contractId(), 1);
        Long first = jdbc.sql("select l.id from lesson l join schedule_proposal p on p.id = l.proposal_id "
                + "where p.opportunity_id = ? order by l.seq").param(t.opportunityId()).query(Long.class).list().get(0);
        attendance.mark(first, new Attendance.MarkRequest("ATTENDED", null, null, null),
                new Attendance.Marker("zhengkai", false));
        leads.runLessonFollowUps(t.opportunityId());
        long end = surveyOf(t.contractId(), "CONTRACT_END");
        instance(end);
        assertThat(submit(mailedToken(end), "4", "4", "3", null).getBody()).contains("感谢您的评价");

        String today = java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE).toString();
        JsonNode report = http.withBasicAuth("zhouhua", "demo").getForObject("/api/reports/satisfaction?from=" + today
                + "&to=" + today, JsonNode.class);
        JsonNode bjhd = report.get("campuses").get(0);
        assertThat(bjhd.get("campusCode").asText()).isEqualTo("BJ-HD");
        assertThat(bjhd.get("answered").asInt()).isPositive();
        assertThat(report.get("teachers").findValuesAsText("teacherName")).contains("郑凯");
        ResponseEntity<byte[]> xlsx = http.withBasicAuth("zhouhua", "demo").getForEntity(
                "/api/reports/satisfaction?from=" + today + "&to=" + today + "&format=xlsx", byte[].class);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx.getBody()))) {
            assertThat((long) book.getSheetAt(0).getRow(1).getCell(2).getNumericCellValue()).as("the answers counted")
                    .isEqualTo(bjhd.get("sent").asLong());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(http.withBasicAuth("zhouhua", "demo").getForEntity("/api/reports/satisfaction?from=" + today
                + "&to=" + today + "&format=pdf", String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode shanghai = http.withBasicAuth("caiwen", "demo").getForObject("/api/reports/satisfaction?from=" + today
                + "&to=" + today, JsonNode.class);
        assertThat(shanghai.get("campuses").findValuesAsText("campusCode")).doesNotContain("BJ-HD");
        ResponseEntity<JsonNode> badDates = http.withBasicAuth("zhouhua", "demo")
                .getForEntity("/api/reports/satisfaction?from=2026-13-01&to=" + today, JsonNode.class);
        assertThat(badDates.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badDates.getBody().get("errors").findValuesAsText("field")).containsExactly("from");
        assertThat(http.withBasicAuth("zhengkai", "demo").getForEntity("/api/reports/satisfaction?from=" + today
                + "&to=" + today, String.class).getStatusCode()).as("a teacher").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(List.of(end)).isNotEmpty();
    }

    @Test
    void shouldNotCountASurveyAsSentToAFamilyWithoutAnEmail() {
        TeachingTestSupport.Taught t = teaching.contractWithLessonsTaught(3, 3);
        long surveyId = surveyOf(t.contractId(), "AFTER_THIRD_LESSON");
        instance(surveyId);
        assertThat(jdbc.sql("select count(*) from survey where id = ? and sent_at is not null").param(surveyId)
                .query(Integer.class).single())
                .as("the family never got a link: not in 满意度's sent, so not against its response rate").isZero();
        assertThat(jdbc.sql("select detail from timeline_event where opportunity_id = ? and event_type = 'SURVEY_SENT'")
                .param(t.opportunityId()).query(String.class).single()).isEqualTo("第 3 次课后满意度问卷未能发送：家长没有邮箱（短信未接通）");
    }
}
