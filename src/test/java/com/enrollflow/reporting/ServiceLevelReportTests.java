package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/reports/service-levels (服务水平报表) on a known set of complaints with fixed times, filed in March 2025 at
 * 北京海淀 (Beijing time): every count, rate and time worked out by hand below, "no data" where nothing was measured,
 * only for the caller's campuses and roles, and as CSV and Excel with Chinese headers.
 *
 * <pre>
 * #  category  handler           filed        first response (due)       resolution (due)            status
 * 1  教学质量   academicAffairs   03-01 00:10  02:10 (04:10) 2 h on time   10:10 (03-02 00:10) 10 h ok  CLOSED
 * 2  教学质量   academicAffairs   03-05 09:00  17:00 (13:00) 8 h late      17:00 (03-06 09:00) 8 h ok   RESOLVED
 * 3  服务态度   customerService   03-10 10:00  none  (14:00) late          none  (03-11 10:00) late     OPEN, overdue
 * 4  费用      customerService   03-20 10:00  10:30 (11:00) 0.5 h on time 03-22 10:00 (03-21 10:00) 48 h late CLOSED
 * 5  排课      academicAffairs   03-31 20:00  none  (2099)  not yet due   none  (2099) not yet due    OPEN
 * -  教学质量   academicAffairs   04-01 00:30 Beijing (03-31 16:30 UTC): April, not counted
 * -  教学质量 at 上海浦东, in March: not 北京海淀's
 * </pre>
 */
@EnrollFlowTest
class ServiceLevelReportTests {

    static final String URL = "/api/reports/service-levels";
    static final String MARCH = URL + "?from=2025-03-01&to=2025-03-31";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService tasks;

    @BeforeEach
    void complaintsOfMarch2025() {
        if (jdbc.sql("select count(*) from complaint where complaint_no like 'SLT-%'").query(Integer.class)
                .single() > 0) {
            return;
        }
        complaint(1, "BJ-HD", "TEACHING", "academicAffairs", "CLOSED", "2025-03-01T00:10", "2025-03-01T04:10",
                "2025-03-01T02:10", "2025-03-02T00:10", "2025-03-01T10:10");
        complaint(2, "BJ-HD", "TEACHING", "academicAffairs", "RESOLVED", "2025-03-05T09:00", "2025-03-05T13:00",
                "2025-03-05T17:00", "2025-03-06T09:00", "2025-03-05T17:00");
        complaint(3, "BJ-HD", "SERVICE", "customerService", "OPEN", "2025-03-10T10:00", "2025-03-10T14:00", null,
                "2025-03-11T10:00", null);
        complaint(4, "BJ-HD", "FEES", "customerService", "CLOSED", "2025-03-20T10:00", "2025-03-20T11:00",
                "2025-03-20T10:30", "2025-03-21T10:00", "2025-03-22T10:00");
        complaint(5, "BJ-HD", "SCHEDULING", "academicAffairs", "OPEN", "2025-03-31T20:00", "2099-01-01T10:00", null,
                "2099-01-02T10:00", null);
        complaint(6, "BJ-HD", "TEACHING", "academicAffairs", "OPEN", "2025-04-01T00:30", "2025-04-01T04:30", null,
                "2025-04-02T00:30", null);
        complaint(7, "SH-PD", "TEACHING", "academicAffairs", "OPEN", "2025-03-15T10:00", "2025-03-15T14:00", null,
                "2025-03-16T10:00", null);
    }

    private void complaint(int n, String campus, String category, String group, String status, String created,
            String responseDue, String responded, String resolutionDue, String resolved) {
        OffsetDateTime at = beijing(created);
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support
                .GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values (?, ?, ?, ?)")
                .params("服务水平" + n, Leads.newPhone(), at, at).update(key, "id");
        long customer = key.getKey().longValue();
        jdbc.sql("insert into complaint (complaint_no, customer_id, campus_code, category, severity, description, "
                + "handler_group, status, response_due, resolution_due, responded_at, resolved_at, created_by, "
                + "created_at) values (?, ?, ?, ?, 'NORMAL', '服务水平报表测试', ?, ?, ?, ?, ?, ?, 'chenxi', ?)")
                .params("SLT-" + n, customer, campus, category, group, status, beijing(responseDue),
                        beijing(resolutionDue), beijing(responded), beijing(resolved), at)
                .update();
    }

    private static OffsetDateTime beijing(String local) {
        return local == null ? null : OffsetDateTime.parse(local + ":00+08:00");
    }

    private JsonNode report(String user, String url) {
        ResponseEntity<JsonNode> r = http.withBasicAuth(user, "demo").getForEntity(url, JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private static JsonNode row(JsonNode rows, String campus, String field, String value) {
        for (JsonNode row : rows) {
            if (row.get("campusCode").asText().equals(campus)
                    && (field == null || row.get(field).asText().equals(value))) {
                return row.get("figures");
            }
        }
        throw new AssertionError("no row " + campus + " " + value + " in " + rows);
    }

    /** filed, on time ÷ decided and the rate for response then resolution, the four times, open overdue. */
    private static void assertFigures(JsonNode f, int filed, int respOnTime, int respDecided, String respRate,
            int resOnTime, int resDecided, String resRate, String respMedian, String respAvg, String resMedian,
            String resAvg, int openOverdue) {
        assertThat(f.get("filed").asInt()).as("filed").isEqualTo(filed);
        assertThat(f.get("respondedOnTime").asInt()).as("respondedOnTime").isEqualTo(respOnTime);
        assertThat(f.get("responseDecided").asInt()).as("responseDecided").isEqualTo(respDecided);
        assertThat(text(f, "responseOnTimePercent")).as("responseOnTimePercent").isEqualTo(respRate);
        assertThat(f.get("resolvedOnTime").asInt()).as("resolvedOnTime").isEqualTo(resOnTime);
        assertThat(f.get("resolutionDecided").asInt()).as("resolutionDecided").isEqualTo(resDecided);
        assertThat(text(f, "resolutionOnTimePercent")).as("resolutionOnTimePercent").isEqualTo(resRate);
        assertThat(text(f, "medianResponseHours")).as("medianResponseHours").isEqualTo(respMedian);
        assertThat(text(f, "averageResponseHours")).as("averageResponseHours").isEqualTo(respAvg);
        assertThat(text(f, "medianResolutionHours")).as("medianResolutionHours").isEqualTo(resMedian);
        assertThat(text(f, "averageResolutionHours")).as("averageResolutionHours").isEqualTo(resAvg);
        assertThat(f.get("openOverdue").asInt()).as("openOverdue").isEqualTo(openOverdue);
    }

    /** A decimal as written (1 decimal), or null for "no data". */
    private static String text(JsonNode f, String field) {
        JsonNode v = f.get(field);
        return v == null || v.isNull() ? null : v.decimalValue().setScale(1).toPlainString();
    }

    @Test
    void shouldCountEachCampusCategoryAndHandlerGroupAsWorkedOutByHand() {
        JsonNode r = report("zhouhua", MARCH);
        assertThat(r.get("campuses").findValuesAsText("campusCode")).containsExactly("BJ-HD");

        // response: decided #1–#4 (#5 not yet due), on time #1 #4; resolution: decided #1–#4, on time #1 #2
        // response hours 0.5, 2, 8 → median 2.0, average 3.5; resolution hours 8, 10, 48 → median 10.0, average 22.0
        assertFigures(row(r.get("campuses"), "BJ-HD", null, null), 5, 2, 4, "50.0", 2, 4, "50.0", "2.0", "3.5",
                "10.0", "22.0", 1);
        assertFigures(r.get("total"), 5, 2, 4, "50.0", 2, 4, "50.0", "2.0", "3.5", "10.0", "22.0", 1);

        JsonNode categories = r.get("categories");
        assertThat(categories).as("all six categories of each campus").hasSize(6);
        assertFigures(row(categories, "BJ-HD", "categoryLabel", "教学质量"), 2, 1, 2, "50.0", 2, 2, "100.0", "5.0",
                "5.0", "9.0", "9.0", 0);
        assertFigures(row(categories, "BJ-HD", "categoryLabel", "服务态度"), 1, 0, 1, "0.0", 0, 1, "0.0", null, null,
                null, null, 1);
        assertFigures(row(categories, "BJ-HD", "categoryLabel", "费用"), 1, 1, 1, "100.0", 0, 1, "0.0", "0.5", "0.5",
                "48.0", "48.0", 0);
        assertFigures(row(categories, "BJ-HD", "categoryLabel", "排课"), 1, 0, 0, null, 0, 0, null, null, null, null,
                null, 0);
        assertFigures(row(categories, "BJ-HD", "categoryLabel", "环境"), 0, 0, 0, null, 0, 0, null, null, null, null,
                null, 0);

        JsonNode groups = r.get("handlerGroups");
        assertThat(groups.findValuesAsText("handlerGroupLabel")).containsExactly("教务", "客服");
        assertFigures(row(groups, "BJ-HD", "handlerGroup", "academicAffairs"), 3, 1, 2, "50.0", 2, 2, "100.0", "5.0",
                "5.0", "9.0", "9.0", 0);
        assertFigures(row(groups, "BJ-HD", "handlerGroup", "customerService"), 2, 1, 2, "50.0", 0, 2, "0.0", "0.5",
                "0.5", "48.0", "48.0", 1);
    }

    @Test
    void shouldCountOpenTasksPastTheirDuePerCampusAndCandidateGroup() {
        long before = overdue(report("chenxi", URL), "customerService");
        long personalBefore = overdue(report("chenxi", URL), null);
        long academicBefore = overdue(report("chenxi", URL), "academicAffairs");
        Task late = task("BJHD", -1);
        tasks.addCandidateGroup(late.getId(), "customerService");
        Task notYet = task("BJHD", 1);
        tasks.addCandidateGroup(notYet.getId(), "customerService");
        Task mine = task("BJHD", -2);
        mine.setAssignee("chenxi");
        tasks.saveTask(mine);
        Task elsewhere = task("SHPD", -1);
        tasks.addCandidateGroup(elsewhere.getId(), "customerService");
        Task twoRoles = task("BJHD", -3);
        tasks.addCandidateGroup(twoRoles.getId(), "customerService");
        tasks.addCandidateGroup(twoRoles.getId(), "academicAffairs");
        Task noRole = task("BJHD", -1);
        tasks.addCandidateGroup(noRole.getId(), "服务水平测试组");
        tasks.addCandidateUser(noRole.getId(), "chenxi");
        try {
            JsonNode r = report("chenxi", URL);
            assertThat(overdue(r, "customerService")).isEqualTo(before + 2);
            assertThat(overdue(r, "academicAffairs")).as("a task of two roles counts for each")
                    .isEqualTo(academicBefore + 1);
            assertThat(overdue(r, null)).as("tasks of one person, or of no staff role").isEqualTo(personalBefore + 2);
            assertThat(r.get("overdueTasks").findValuesAsText("campusCode")).containsOnly("BJ-HD");
            tasks.claim(late.getId(), "chenxi");
            assertThat(overdue(report("chenxi", URL), "customerService")).as("claimed, still late")
                    .isEqualTo(before + 2);
        } finally {
            for (Task t : List.of(late, notYet, mine, elsewhere, twoRoles, noRole)) {
                tasks.deleteTask(t.getId(), true);
            }
        }
    }

    @Test
    void shouldListTheLateTasksBehindACountMostOverdueFirstWithinTheCallersCampus() {
        Task late = task("BJHD", -1);
        tasks.addCandidateGroup(late.getId(), "customerService");
        Task later = task("BJHD", -3);
        tasks.addCandidateGroup(later.getId(), "customerService");
        tasks.claim(later.getId(), "chenxi");
        Task notYet = task("BJHD", 1);
        tasks.addCandidateGroup(notYet.getId(), "customerService");
        Task mine = task("BJHD", -2);
        mine.setAssignee("chenxi");
        tasks.saveTask(mine);
        Task elsewhere = task("SHPD", -1);
        tasks.addCandidateGroup(elsewhere.getId(), "customerService");
        try {
            JsonNode count = report("chenxi", URL);
            JsonNode list = report("chenxi", URL + "/overdue-tasks?campus=BJ-HD&group=客服");
            assertThat(list.get("total").asLong()).as("as many as the count says")
                    .isEqualTo(overdue(count, "customerService"));
            assertThat(list.get("groupLabel").asText()).isEqualTo("客服");
            List<String> ids = list.get("tasks").findValuesAsText("taskId");
            assertThat(ids).contains(later.getId(), late.getId()).doesNotContain(notYet.getId(), elsewhere.getId(),
                    mine.getId());
            assertThat(ids.indexOf(later.getId())).as("most overdue first").isLessThan(ids.indexOf(late.getId()));
            JsonNode first = list.get("tasks").get(ids.indexOf(later.getId()));
            assertThat(first.get("assignee").asText()).isEqualTo("陈曦（chenxi）");
            assertThat(first.get("overdueShown").asText()).endsWith(" 天");
            assertThat(first.get("tasklistPath").asText()).isEqualTo("#/?task=" + later.getId());
            assertThat(list.get("tasks").get(ids.indexOf(late.getId())).get("assignee").asText()).isEqualTo("待领取");

            // the same list in Excel, Chinese headers and names
            ResponseEntity<byte[]> xlsx = http.withBasicAuth("chenxi", "demo")
                    .getForEntity(URL + "/overdue-tasks?campus=BJ-HD&group=客服&format=xlsx", byte[].class);
            assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).isEqualTo("超时未办任务明细.xlsx");
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
                var sheet = book.getSheet("超时未办任务明细");
                assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("任务");
                assertThat(sheet.getLastRowNum()).isEqualTo(list.get("total").asInt());
                assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("客服");
                assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo(first.get("assignee").asText());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }

            JsonNode personal = report("chenxi", URL + "/overdue-tasks?campus=北京海淀校区&group=个人任务");
            assertThat(personal.get("total").asLong()).isEqualTo(overdue(count, null));
            assertThat(personal.get("tasks").findValuesAsText("taskId")).contains(mine.getId())
                    .doesNotContain(late.getId(), later.getId());

            // another campus: not found; a missing campus or an unknown role: 400 naming the field; no reader: 403
            assertThat(http.withBasicAuth("chenxi", "demo").getForEntity(URL + "/overdue-tasks?campus=SH-PD&group=客服",
                    String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            for (String[] bad : new String[][] {{"?group=客服", "campus"}, {"?campus=BJ-HD", "group"},
                    {"?campus=BJ-HD&group=校长助理", "group"}}) {
                ResponseEntity<String> r = http.withBasicAuth("zhouhua", "demo")
                        .getForEntity(URL + "/overdue-tasks" + bad[0], String.class);
                assertThat(r.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
                assertThat(r.getBody()).as(bad[0]).contains("\"" + bad[1] + "\"");
            }
            assertThat(http.withBasicAuth("liwei", "demo").getForEntity(URL + "/overdue-tasks?campus=BJ-HD&group=客服",
                    String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        } finally {
            for (Task t : List.of(late, later, notYet, mine, elsewhere)) {
                tasks.deleteTask(t.getId(), true);
            }
        }
    }

    private Task task(String tenant, int days) {
        Task t = tasks.newTask();
        t.setName("服务水平测试任务");
        t.setTenantId(tenant);
        t.setDueDate(Date.from(OffsetDateTime.now().plusDays(days).toInstant()));
        tasks.saveTask(t);
        return t;
    }

    private static long overdue(JsonNode report, String group) {
        for (JsonNode row : report.get("overdueTasks")) {
            if (row.get("campusCode").asText().equals("BJ-HD") && (group == null ? row.get("candidateGroup").isNull()
                    : group.equals(row.get("candidateGroup").asText()))) {
                assertThat(row.get("groupLabel").asText()).isEqualTo(group == null ? "个人任务"
                        : java.util.Map.of("customerService", "客服", "academicAffairs", "教务").get(group));
                return row.get("count").asLong();
            }
        }
        return 0;
    }

    @Test
    void shouldShowEachCampusOnlyToItsOwnStaffAndEveryCampusToHeadOffice() {
        JsonNode shanghai = report("caiwen", MARCH);
        assertThat(shanghai.get("campuses").findValuesAsText("campusCode")).containsExactly("SH-PD");
        assertThat(shanghai.get("total").get("filed").asInt()).as("only 上海浦东's complaint").isEqualTo(1);
        assertThat(http.withBasicAuth("caiwen", "demo").getForEntity(MARCH + "&campus=海淀", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode all = report("gaofeng", MARCH);
        assertThat(all.get("campuses").findValuesAsText("campusCode")).contains("BJ-HD", "SH-PD");
        assertThat(row(all.get("campuses"), "SH-PD", null, null).get("filed").asInt()).isEqualTo(1);
        assertThat(all.get("total").get("filed").asInt()).isEqualTo(6);
        JsonNode haidian = report("gaofeng", MARCH + "&campus=海淀");
        assertThat(haidian.get("campuses").findValuesAsText("campusCode")).containsExactly("BJ-HD");
        assertThat(haidian.get("total").get("filed").asInt()).isEqualTo(5);
        for (String reader : List.of("chenxi", "wuting", "sunqiang", "zhouhua")) {
            assertThat(report(reader, MARCH).get("total").get("filed").asInt()).as(reader).isEqualTo(5);
        }
    }

    @Test
    void shouldRefuseTeachersConsultantsAndMarketingAndBadParametersByName() {
        for (String user : List.of("zhengkai", "liwei", "hanmei", "fengyu")) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity(URL, String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        for (String[] bad : new String[][] {{"?from=2025-3-1", "from"}, {"?to=31.03.2025", "to"},
                {"?from=2025-03-31&to=2025-03-01", "to"}, {"?campus=火星", "campus"}, {"?format=pdf", "format"}}) {
            ResponseEntity<String> r = http.withBasicAuth("zhouhua", "demo").getForEntity(URL + bad[0], String.class);
            assertThat(r.getStatusCode()).as(bad[0]).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(r.getBody()).as(bad[0]).contains("\"" + bad[1] + "\"");
        }
    }

    @Test
    void shouldExportCsvAndExcelWithChineseHeadersAndNoDataForNothingMeasured() throws IOException {
        ResponseEntity<byte[]> csv = http.withBasicAuth("zhouhua", "demo").getForEntity(MARCH + "&format=csv",
                byte[].class);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("服务水平报表.csv");
        byte[] body = csv.getBody();
        assertThat(Arrays.copyOf(body, 3)).containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("校区代码,校区,维度,分项,投诉数,按时首次响应,应响应数,按时响应率（%）,按时解决,应解决数,按时解决率（%）,"
                + "首次响应中位时长（小时）,首次响应平均时长（小时）,解决中位时长（小时）,解决平均时长（小时）,未结超时");
        assertThat(lines.get(1)).isEqualTo("BJ-HD,北京海淀校区,校区,全部,5,2,4,50.0,2,4,50.0,2.0,3.5,10.0,22.0,1");
        assertThat(lines).contains("BJ-HD,北京海淀校区,投诉类别,环境,0,0,0,无数据,0,0,无数据,无数据,无数据,无数据,无数据,0",
                "BJ-HD,北京海淀校区,处理角色,客服,2,1,2,50.0,0,2,0.0,0.5,0.5,48.0,48.0,1",
                "合计,,,,5,2,4,50.0,2,4,50.0,2.0,3.5,10.0,22.0,1", "校区代码,校区,候选组,角色,超时未办任务");

        ResponseEntity<byte[]> xlsx = http.withBasicAuth("zhouhua", "demo").getForEntity(MARCH + "&format=xlsx",
                byte[].class);
        assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).isEqualTo("服务水平报表.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            var sheet = book.getSheet("服务水平");
            assertThat(sheet.getRow(0).getCell(7).getStringCellValue()).isEqualTo("按时响应率（%）");
            assertThat(sheet.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(5);
            assertThat(sheet.getRow(1).getCell(7).getNumericCellValue()).as("a rate is a number Excel can sum")
                    .isEqualTo(50.0);
            assertThat(sheet.getRow(1).getCell(12).getNumericCellValue()).isEqualTo(3.5);
            assertThat(book.getSheet("超时任务").getRow(0).getCell(4).getStringCellValue()).isEqualTo("超时未办任务");
        }
    }
}
