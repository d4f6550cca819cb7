package com.enrollflow.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 导入线索 in Tasklist (decision 667): the lead import of POST /api/leads/import through the webapp's session, for the
 * staff who import (marketing, the call centre, sales supervisors), who work in Tasklist and hold no API password.
 */
@EnrollFlowTest
class TasklistLeadImportTests {

    static final String BASE = "/camunda/api/tasklist/plugin/enrollflow-lead-import/default/";

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ProcessEngine engine;

    @Test
    void shouldImportALeadListInTasklistAsTheApiDoesReportingEveryRowByItsColumn() {
        WebappSession hanmei = WebappSession.login(port, "hanmei", "demo");
        JsonNode options = hanmei.json(BASE + "options");
        assertThat(options.get("mayImport").asBoolean()).isTrue();
        assertThat(options.get("channels").findValuesAsText("label")).contains("市场活动", "转介绍");
        assertThat(options.at("/columns/phone").asText()).isEqualTo("电话");

        String good = Leads.newPhone();
        String csv = "姓名,电话,校区,年级,科目\n"
                + "韩导入," + good + ",北京海淀校区,初二,数学\n"
                + "错号码,12345,北京海淀校区,初二,数学\n";
        String upload = BASE + "import?fileName=" + encode("秋季讲座名单.csv") + "&campaign=" + encode("秋季讲座");
        WebappSession.Response report = hanmei.postBytes(upload, csv.getBytes(StandardCharsets.UTF_8), true);
        assertThat(report.status()).as(String.valueOf(report.body())).isEqualTo(200);
        assertThat(report.body().get("fileName").asText()).isEqualTo("秋季讲座名单.csv");
        assertThat(report.body().get("created").asInt()).isEqualTo(1);
        assertThat(report.body().get("rejected").asInt()).isEqualTo(1);
        JsonNode refused = report.body().get("results").get(1);
        assertThat(refused.get("row").asInt()).isEqualTo(3);
        assertThat(refused.get("errors").findValuesAsText("field")).containsExactly("phone");

        // the lead is the API's: the family on record with the campaign, its first task waiting for the call centre
        JsonNode record = http.withBasicAuth("zhangli", "demo")
                .getForObject("/api/customers?phone={p}", JsonNode.class, good);
        assertThat(record.at("/opportunities/0/campaign").asText()).isEqualTo("秋季讲座");
        assertThat(record.at("/opportunities/0/channel").asText()).isEqualTo("CAMPAIGN");
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("enrollment")
                .processInstanceBusinessKey(record.at("/opportunities/0/id").asText()).count()).isEqualTo(1);

        // the same file again creates nothing; the importer's session goes on working as before
        WebappSession.Response again = hanmei.postBytes(upload, csv.getBytes(StandardCharsets.UTF_8), true);
        assertThat(again.body().get("created").asInt()).isZero();
        assertThat(again.body().get("results").get(0).get("reason").asText()).contains("已导入过");
        assertThat(hanmei.get(WebappSession.ENGINE + "/task/count").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldGiveASupervisorsRowsWithoutACampusTheirCampusAndRefuseAnotherCampus() {
        WebappSession sunqiang = WebappSession.login(port, "sunqiang", "demo");
        JsonNode options = sunqiang.json(BASE + "options");
        // a sales supervisor of one campus imports that campus's list: chosen for them, by its Chinese name
        assertThat(options.get("campuses").findValuesAsText("name")).containsExactly("北京海淀校区");
        assertThat(options.get("defaultCampus").asText()).isEqualTo("BJ-HD");
        // the call centre distributes what comes without a campus: nothing chosen for it
        assertThat(WebappSession.login(port, "zhangli", "demo").json(BASE + "options").get("defaultCampus").isNull())
                .isTrue();

        String phone = Leads.newPhone();
        byte[] csv = ("姓名,电话,年级,科目\n讲座家长," + phone + ",初二,数学\n").getBytes(StandardCharsets.UTF_8);
        WebappSession.Response elsewhere = sunqiang.postBytes(BASE + "import?fileName=a.csv&campus=SH-PD", csv, true);
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.body().get("problems").findValuesAsText("field")).containsExactly("campus");
        assertThat(elsewhere.body().get("problems").findValuesAsText("message")).containsExactly("您不负责上海浦东校区");
        assertThat(http.withBasicAuth("zhangli", "demo").getForEntity("/api/customers?phone={p}", String.class, phone)
                .getStatusCode().value()).as("nothing of the list is imported").isEqualTo(404);

        WebappSession.Response report = sunqiang.postBytes(BASE + "import?fileName=a.csv&campus=BJ-HD", csv, true);
        assertThat(report.body().get("created").asInt()).as(String.valueOf(report.body())).isEqualTo(1);
        JsonNode record = http.withBasicAuth("sunqiang", "demo")
                .getForObject("/api/customers?phone={p}", JsonNode.class, phone);
        assertThat(record.at("/opportunities/0/campus").asText()).isEqualTo("BJ-HD");
    }

    @Test
    void shouldNotLetStaffWhoDoNotImportUploadOrSeeTheButton() {
        for (String user : List.of("liwei", "zhaomin", "zhengkai", "fengyu")) {
            WebappSession staff = WebappSession.login(port, user, "demo");
            // asked on every Tasklist page: no 403 in the console, no button
            assertThat(staff.json(BASE + "options").get("mayImport").asBoolean()).as(user).isFalse();
            assertThat(staff.json(BASE + "options").has("channels")).as(user).isFalse();
            String phone = Leads.newPhone();
            WebappSession.Response refused = staff.postBytes(BASE + "import?fileName=a.csv",
                    ("姓名,电话,校区\n越权," + phone + ",北京海淀校区\n").getBytes(StandardCharsets.UTF_8), true);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.body().get("detail").asText()).contains("只有市场、呼叫中心、销售主管和管理员可以导入线索");
            assertThat(staff.download(BASE + "template.xlsx").statusCode()).as(user).isEqualTo(403);
            assertThat(http.withBasicAuth("admin", "admin").getForEntity("/api/customers?phone={p}", String.class,
                    phone).getStatusCode()).as("nothing stored for " + user).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void shouldRefuseAnUploadWithoutTheSessionsCsrfTokenOrWithoutASession() {
        String phone = Leads.newPhone();
        byte[] csv = ("姓名,电话,校区\n跨站," + phone + ",北京海淀校区\n").getBytes(StandardCharsets.UTF_8);
        WebappSession hanmei = WebappSession.login(port, "hanmei", "demo");
        assertThat(hanmei.postBytes(BASE + "import?fileName=a.csv", csv, false).status()).isEqualTo(403);
        assertThat(WebappSession.anonymous(port).postBytes(BASE + "import?fileName=a.csv", csv, true).status())
                .isEqualTo(401);
        assertThat(http.withBasicAuth("admin", "admin").getForEntity("/api/customers?phone={p}", String.class, phone)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void shouldKeepTheImportWithinTheImportersCampuses() {
        WebappSession panlei = WebappSession.login(port, "panlei", "demo"); // 上海浦东's sales supervisor
        String theirs = Leads.newPhone();
        String other = Leads.newPhone();
        String csv = "姓名,电话,校区\n浦东家长," + theirs + ",上海浦东校区\n海淀家长," + other + ",北京海淀校区\n";
        JsonNode report = panlei.postBytes(BASE + "import?fileName=a.csv", csv.getBytes(StandardCharsets.UTF_8), true)
                .body();
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(1);
        JsonNode refused = report.get("results").get(1);
        assertThat(refused.get("status").asText()).isEqualTo("REJECTED");
        assertThat(refused.get("errors").findValuesAsText("message")).anySatisfy(m -> assertThat(m)
                .contains("您不负责“北京海淀校区”"));
        assertThat(http.withBasicAuth("admin", "admin").getForEntity("/api/customers?phone={p}", String.class, other)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // the template's 校区 list is the importer's campuses
        assertThat(panlei.download(BASE + "template.xlsx").body()).startsWith('P', 'K');
    }

    @Test
    void shouldNameTheFileWhenItCannotBeImported() {
        WebappSession zhangli = WebappSession.login(port, "zhangli", "demo");
        WebappSession.Response empty = zhangli.postBytes(BASE + "import?fileName=a.csv", new byte[0], true);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("problems").findValuesAsText("field")).containsExactly("file");
        assertThat(empty.body().get("detail").asText()).contains("文件为空");

        WebappSession.Response unnamed = zhangli.postBytes(BASE + "import", "姓名,电话\n".getBytes(
                StandardCharsets.UTF_8), true);
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.body().get("detail").asText()).contains("请选择要导入的文件");

        WebappSession.Response garbage = zhangli.postBytes(BASE + "import?fileName=list.xlsx",
                "not a workbook".getBytes(StandardCharsets.UTF_8), true);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().get("detail").asText()).contains("无法读取文件");

        WebappSession.Response channel = zhangli.postBytes(BASE + "import?fileName=a.csv&channel=" + encode("飞鸽传书"),
                ("姓名,电话\n张三," + Leads.newPhone() + "\n").getBytes(StandardCharsets.UTF_8), true);
        assertThat(channel.status()).isEqualTo(400);
        assertThat(channel.body().get("problems").findValuesAsText("field")).containsExactly("channel");
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
