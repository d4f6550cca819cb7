package com.enrollflow.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.WebappSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 经营看板's sales sections — 业绩, 活动与渠道 ROI, 计划完成情况 — through the Cockpit session: the same figures as the
 * /api reports for the same filters, credit only for those who read credit (marketing opens the board but not 业绩),
 * and Excel files that open.
 */
@EnrollFlowTest
class BoardSalesSectionsTests {

    static final String BOARD = BoardResourceTests.BOARD;

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;

    private JsonNode api(String user, String path) {
        ResponseEntity<JsonNode> r = http.withBasicAuth(user, "demo").getForEntity(path, JsonNode.class);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return withoutMoment(r.getBody());
    }

    private static JsonNode withoutMoment(JsonNode report) {
        if (report instanceof ObjectNode o) {
            o.remove("asOf");
        }
        return report;
    }

    @Test
    void shouldAgreeWithTheApiReportsAndKeepCreditToItsReaders() throws Exception {
        LocalDate today = LocalDate.now(BusinessTime.ZONE);
        String month = today.toString().substring(0, 7);
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> target = new HashMap<>();
        target.put("campus", "BJ-HD");
        target.put("period", month);
        target.put("revenue", "500000");
        assertThat(http.withBasicAuth("zhouhua", "demo").exchange("/api/sales-targets", HttpMethod.PUT,
                new HttpEntity<>(target, json), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);

        String filters = "?from=" + today.minusDays(29) + "&to=" + today;
        WebappSession zhouhua = WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo");
        assertThat(withoutMoment(zhouhua.json(BOARD + "/credit" + filters)))
                .isEqualTo(api("zhouhua", "/api/reports/credit" + filters));
        assertThat(zhouhua.json(BOARD + "/campaigns" + filters + "&campus=BJ-HD"))
                .isEqualTo(api("zhouhua", "/api/reports/campaigns" + filters + "&campus=BJ-HD"));
        JsonNode targets = zhouhua.json(BOARD + "/targets" + filters);
        assertThat(targets.get("period").asText()).as("the month the period ends in").isEqualTo(month);
        assertThat(targets.get("rows").findValuesAsText("campusCode")).contains("BJ-HD").doesNotContain("SH-PD");
        assertThat(targets.get("rows").size())
                .isEqualTo(api("zhouhua", "/api/reports/targets?period=" + month).get("rows").size());

        for (String section : new String[] {"credit", "campaigns", "targets"}) {
            var file = zhouhua.download(BOARD + "/" + section + ".xlsx" + filters);
            assertThat(file.statusCode()).as(section).isEqualTo(200);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(file.body()))) {
                assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).as(section).isNotBlank();
            }
        }

        WebappSession hanmei = WebappSession.loggedIn(port, "cockpit", "hanmei", "demo");
        assertThat(hanmei.get(BOARD + "/campaigns" + filters).statusCode()).as("marketing reads campaign ROI")
                .isEqualTo(200);
        var credit = hanmei.get(BOARD + "/credit" + filters);
        assertThat(credit.statusCode()).as("but not per-person credit").isEqualTo(403);
        assertThat(credit.body()).contains("业绩");
        assertThat(hanmei.json(BOARD + "/options").get("readsCredit").asBoolean()).as("so the board leaves 业绩 out")
                .isFalse();
        assertThat(zhouhua.json(BOARD + "/options").get("readsCredit").asBoolean()).isTrue();
        assertThat(WebappSession.loggedIn(port, "cockpit", "zhouhua", "demo").get(BOARD + "/targets?from=x&to="
                + today).statusCode()).isEqualTo(400);
    }
}
