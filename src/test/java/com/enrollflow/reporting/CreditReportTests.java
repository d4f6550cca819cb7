package com.enrollflow.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import com.enrollflow.reference.BusinessTime;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * GET /api/reports/credit (业绩报表) over a known set of credits and refund reversals, written straight into the
 * tables for a month two years back (no other test writes there), every figure counted by hand. Moments are Beijing
 * time: a credit at 00:00 on the 1st belongs to that month although it is the 30th/31st in UTC.
 *
 * <pre>
 * month M (from the 1st to the last day E)            credit                      reversal (refund paid out)
 * D1 BJ-HD 海淀一对一组  均单 9000  liwei 4500, chenjing 4500  M 00:00:00          R3 liwei 1000 at E+1 00:00 (out)
 * D2 BJ-HD 海淀一对一组  尾单 6000  liwei                      M+10 15:00
 * D4 BJ-HD renewal of D2 (no team) 尾单 2400 liwei           M+5 09:00           R2 liwei 1200 at M+20 11:00
 * D3 BJ-HD 海淀班课组    首单 3000  zhaolei                    E 23:59:59
 * D5 SH-PD 浦东一对一组  尾单 5000  xuming                     M+3 10:00           R4 xuming 500 at M+15 14:00
 * D6 BJ-HD 海淀一对一组  尾单 7000  liuyang                    M−1 23:59:59 (out)  R1 liuyang 3500 at M+12 10:00
 * D7 BJ-HD 海淀班课组    首单 1000  sunli                      E+1 00:00 (out)
 * and three months earlier (month T): D8 BJ-HD renewal of D7 (no team) 尾单 800 chenxi (customer service, no team)
 * </pre>
 */
@EnrollFlowTest
class CreditReportTests {

    static final String URL = "/api/reports/credit";
    /** Marks the known set's customers, so it is written once per database. */
    static final String PHONE = "1990000";

    /** The 1st of the month two years back, Beijing date. */
    static final LocalDate M = LocalDate.now(BusinessTime.ZONE).minusYears(2).withDayOfMonth(1);
    static final LocalDate E = M.withDayOfMonth(M.lengthOfMonth());
    static final LocalDate T = M.minusMonths(3);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void knownSet() {
        if (jdbc.sql("select count(*) from customer where phone = ?").param(PHONE + "0001").query(Long.class)
                .single() > 0) {
            return;
        }
        long d1 = deal(1, "BJ-HD", "BJHD1V1", null);
        long d2 = deal(2, "BJ-HD", "BJHD1V1", null);
        long d3 = deal(3, "BJ-HD", "BJHDCLASS", null);
        long d4 = deal(4, "BJ-HD", null, d2);
        long d5 = deal(5, "SH-PD", "SHPD1V1", null);
        long d6 = deal(6, "BJ-HD", "BJHD1V1", null);
        long d7 = deal(7, "BJ-HD", "BJHDCLASS", null);
        long d8 = deal(8, "BJ-HD", null, d7);
        credit(d1, "liwei", "4500.00", "EVEN_SPLIT", at(M, 0, 0, 0));
        credit(d1, "chenjing", "4500.00", "EVEN_SPLIT", at(M, 0, 0, 0));
        credit(d2, "liwei", "6000.00", "LAST_TOUCH", at(M.plusDays(10), 15, 0, 0));
        credit(d4, "liwei", "2400.00", "LAST_TOUCH", at(M.plusDays(5), 9, 0, 0));
        credit(d3, "zhaolei", "3000.00", "FIRST_TOUCH", at(E, 23, 59, 59));
        credit(d5, "xuming", "5000.00", "LAST_TOUCH", at(M.plusDays(3), 10, 0, 0));
        credit(d6, "liuyang", "7000.00", "LAST_TOUCH", at(M.minusDays(1), 23, 59, 59));
        credit(d7, "sunli", "1000.00", "FIRST_TOUCH", at(E.plusDays(1), 0, 0, 0));
        credit(d8, "chenxi", "800.00", "LAST_TOUCH", at(T.plusDays(1), 16, 0, 0));
        reversal(1, d6, "BJ-HD", "liuyang", "3500.00", at(M.plusDays(12), 10, 0, 0));
        reversal(2, d4, "BJ-HD", "liwei", "1200.00", at(M.plusDays(20), 11, 0, 0));
        reversal(3, d1, "BJ-HD", "liwei", "1000.00", at(E.plusDays(1), 0, 0, 0));
        reversal(4, d5, "SH-PD", "xuming", "500.00", at(M.plusDays(15), 14, 0, 0));
    }

    @Test
    void shouldCountEveryPersonTeamAndTheTotalOfTheMonthNetOfRefundsPaidOutInIt() {
        JsonNode report = report("gaofeng", "");

        assertThat(report.get("kpiBand").asText()).isEqualTo("158–398");
        assertThat(report.get("people").findValuesAsText("userId"))
                .as("by campus, team, then net credit, highest first")
                .containsExactly("liwei", "chenjing", "liuyang", "zhaolei", "xuming");
        JsonNode liwei = person(report, "liwei");
        assertThat(liwei.get("name").asText()).contains("李伟");
        assertThat(liwei.get("teamName").asText()).as("the renewal has no team: liwei's team at 海淀")
                .isEqualTo("海淀一对一组");
        assertThat(liwei.get("campusName").asText()).isEqualTo("北京海淀校区");
        assertThat(liwei.get("policies").asText()).isEqualTo("尾单、均单");
        figures(liwei, 3, 1, "12900.00", "1200.00", "11700.00", "1200.00", "10500.00", "4300.00");
        figures(person(report, "chenjing"), 1, 0, "4500.00", "0.00", "4500.00", "0.00", "4500.00", "4500.00");
        JsonNode liuyang = person(report, "liuyang");
        assertThat(liuyang.get("policies").asText()).as("only a reversal this month").isEmpty();
        figures(liuyang, 0, 0, "0.00", "3500.00", "-3500.00", "0.00", "-3500.00", null);
        figures(person(report, "zhaolei"), 1, 0, "3000.00", "0.00", "3000.00", "0.00", "3000.00", "3000.00");
        JsonNode xuming = person(report, "xuming");
        assertThat(xuming.get("campusCode").asText()).isEqualTo("SH-PD");
        figures(xuming, 1, 0, "5000.00", "500.00", "4500.00", "0.00", "4500.00", "5000.00");

        assertThat(report.get("teams").findValuesAsText("teamId")).containsExactly("BJHD1V1", "BJHDCLASS", "SHPD1V1");
        JsonNode team = report.get("teams").get(0);
        assertThat(team.get("userId").isNull()).isTrue();
        assertThat(team.get("teamName").asText()).isEqualTo("海淀一对一组");
        figures(team, 3, 1, "17400.00", "4700.00", "12700.00", "1200.00", "11500.00", "5800.00");
        figures(report.get("teams").get(1), 1, 0, "3000.00", "0.00", "3000.00", "0.00", "3000.00", "3000.00");
        figures(report.get("teams").get(2), 1, 0, "5000.00", "500.00", "4500.00", "0.00", "4500.00", "5000.00");
        figures(report.get("total"), 5, 1, "25400.00", "5200.00", "20200.00", "1200.00", "19000.00", "5080.00");
    }

    @Test
    void shouldCountCreditsAndReversalsOnTheirBeijingDay() {
        figures(total(M.minusDays(1)), 1, 0, "7000.00", "0.00", "7000.00", "0.00", "7000.00", "7000.00");
        figures(total(M), 1, 0, "9000.00", "0.00", "9000.00", "0.00", "9000.00", "9000.00");
        figures(total(E), 1, 0, "3000.00", "0.00", "3000.00", "0.00", "3000.00", "3000.00");
        figures(total(E.plusDays(1)), 1, 0, "1000.00", "1000.00", "0.00", "0.00", "0.00", "1000.00");

        JsonNode nothing = http.withBasicAuth("gaofeng", "demo").getForObject(URL + "?from={f}&to={t}",
                JsonNode.class, M.minusYears(1), M.minusYears(1));
        assertThat(nothing.get("people")).isEmpty();
        assertThat(nothing.get("teams")).isEmpty();
        figures(nothing.get("total"), 0, 0, "0.00", "0.00", "0.00", "0.00", "0.00", null);
    }

    @Test
    void shouldCountARenewalOfSomeoneInNoTeamUnderNoTeam() {
        ResponseEntity<JsonNode> r = http.withBasicAuth("zhouhua", "demo").getForEntity(URL + "?from={f}&to={t}",
                JsonNode.class, T, T.withDayOfMonth(T.lengthOfMonth()));
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        JsonNode chenxi = person(r.getBody(), "chenxi");
        assertThat(chenxi.get("teamId").asText()).isEqualTo("-");
        assertThat(chenxi.get("teamName").asText()).isEqualTo("无团队");
        figures(chenxi, 1, 1, "800.00", "0.00", "800.00", "800.00", "0.00", "800.00");
        assertThat(r.getBody().get("teams").findValuesAsText("teamName")).containsExactly("无团队");
    }

    @Test
    void shouldShowEachDirectorTheirOwnCampusOnly() {
        JsonNode haidian = report("zhouhua", "");
        assertThat(haidian.get("people").findValuesAsText("userId"))
                .containsExactly("liwei", "chenjing", "liuyang", "zhaolei");
        assertThat(haidian.get("teams").findValuesAsText("teamId")).containsExactly("BJHD1V1", "BJHDCLASS");
        figures(haidian.get("total"), 4, 1, "20400.00", "4700.00", "15700.00", "1200.00", "14500.00", "5100.00");
        assertThat(report("sunqiang", "").get("people")).as("the 海淀 sales supervisor").hasSize(4);

        JsonNode pudong = report("caiwen", "");
        assertThat(pudong.get("people").findValuesAsText("userId")).containsExactly("xuming");
        figures(pudong.get("total"), 1, 0, "5000.00", "500.00", "4500.00", "0.00", "4500.00", "5000.00");
        ResponseEntity<String> foreign = http.withBasicAuth("caiwen", "demo").getForEntity(
                URL + "?campus=BJ-HD&from={f}&to={t}", String.class, M, E);
        assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(foreign.getBody()).doesNotContain("liwei").doesNotContain("12900");

        JsonNode onlyPudong = report("gaofeng", "&campus=上海浦东校区");
        assertThat(onlyPudong.get("people").findValuesAsText("userId")).containsExactly("xuming");
        assertThat(onlyPudong.get("campus").asText()).isEqualTo("SH-PD");
    }

    @Test
    void shouldRefuseConsultantsMarketingTeachersAndFinance() {
        for (String user : List.of("liwei", "hanmei", "zhengkai", "fengyu", "chenxi")) {
            assertThat(http.withBasicAuth(user, "demo").getForEntity(URL, String.class).getStatusCode()).as(user)
                    .isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(http.getForEntity(URL, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void shouldNameTheBadParameter() {
        bad("?format=pdf", "format");
        bad("?from=2026-13-01", "from");
        bad("?from=2026-03-02&to=2026-03-01", "to");
        bad("?from=1899-03-02&to=2026-03-01", "from");
        bad("?from=2026-03-02&to=9999-03-01", "to");
        bad("?campus=火星", "campus");
    }

    @Test
    void shouldExportACsvAndAnExcelFileWithChineseHeadersAndTheSameFigures() throws IOException {
        ResponseEntity<byte[]> csv = http.withBasicAuth("zhouhua", "demo").getForEntity(
                URL + "?from={f}&to={t}&format=csv", byte[].class, M, E);
        assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("业绩报表.csv");
        byte[] body = csv.getBody();
        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 byte-order mark")
                .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<String> lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("维度,校区代码,校区,团队编号,团队,工号,姓名,业绩分配方式,成单数,其中续费单数,"
                + "业绩（元）,退费冲减（元）,净业绩（元）,续费业绩（元）,新签业绩（元）,单均业绩（元）");
        assertThat(lines).hasSize(1 + 4 + 2 + 1);
        assertThat(lines.get(1)).startsWith("个人,BJ-HD,北京海淀校区,BJHD1V1,海淀一对一组,liwei,")
                .endsWith(",尾单、均单,3,1,12900.00,1200.00,11700.00,1200.00,10500.00,4300.00");
        assertThat(lines.get(3)).startsWith("个人,BJ-HD,北京海淀校区,BJHD1V1,海淀一对一组,liuyang,")
                .endsWith(",,0,0,0.00,3500.00,-3500.00,0.00,-3500.00,无数据");
        assertThat(lines.get(5)).isEqualTo("团队,BJ-HD,北京海淀校区,BJHD1V1,海淀一对一组,,,尾单、均单,3,1,17400.00,4700.00,"
                + "12700.00,1200.00,11500.00,5800.00");
        assertThat(lines.get(7)).isEqualTo("合计,,,,,,,,4,1,20400.00,4700.00,15700.00,1200.00,14500.00,5100.00");

        ResponseEntity<byte[]> xlsx = http.withBasicAuth("zhouhua", "demo").getForEntity(
                URL + "?from={f}&to={t}&format=xlsx", byte[].class, M, E);
        assertThat(xlsx.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(xlsx.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.getHeaders().getContentDisposition().getFilename()).isEqualTo("业绩报表.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            XSSFSheet sheet = book.getSheet("业绩");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("维度");
            assertThat(sheet.getRow(0).getCell(12).getStringCellValue()).isEqualTo("净业绩（元）");
            assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("liwei");
            assertThat(sheet.getRow(1).getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(1).getCell(8).getNumericCellValue()).isEqualTo(3.0);
            assertThat(sheet.getRow(1).getCell(12).getNumericCellValue()).isEqualTo(11700.0);
            assertThat(sheet.getRow(3).getCell(15).getStringCellValue()).isEqualTo("无数据");
            assertThat(sheet.getRow(7).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(sheet.getRow(7).getCell(10).getNumericCellValue()).isEqualTo(20400.0);
            assertThat(sheet.getLastRowNum()).isEqualTo(7);
        }
    }

    private JsonNode report(String user, String more) {
        ResponseEntity<JsonNode> r = http.withBasicAuth(user, "demo").getForEntity(URL + "?from={f}&to={t}" + more,
                JsonNode.class, M, E);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private JsonNode total(LocalDate day) {
        ResponseEntity<JsonNode> r = http.withBasicAuth("gaofeng", "demo").getForEntity(URL + "?from={f}&to={t}",
                JsonNode.class, day, day);
        assertThat(r.getStatusCode()).as(String.valueOf(r.getBody())).isEqualTo(HttpStatus.OK);
        return r.getBody().get("total");
    }

    private void bad(String query, String field) {
        ResponseEntity<JsonNode> r = http.withBasicAuth("gaofeng", "demo").getForEntity(URL + query, JsonNode.class);
        assertThat(r.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().toString()).as(query).contains("\"" + field + "\"");
    }

    private static JsonNode person(JsonNode report, String userId) {
        for (JsonNode row : report.get("people")) {
            if (row.get("userId").asText().equals(userId)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + userId + " in " + report);
    }

    private static void figures(JsonNode row, long orders, long renewalOrders, String credited, String reversed,
            String net, String renewalNet, String newNet, String perOrder) {
        JsonNode f = row.has("figures") ? row.get("figures") : row; // the total is the figures alone
        String as = row.toString();
        assertThat(f.get("orders").asLong()).as(as).isEqualTo(orders);
        assertThat(f.get("renewalOrders").asLong()).as(as).isEqualTo(renewalOrders);
        assertThat(amount(f, "credited")).as(as).isEqualByComparingTo(credited);
        assertThat(amount(f, "reversed")).as(as).isEqualByComparingTo(reversed);
        assertThat(amount(f, "net")).as(as).isEqualByComparingTo(net);
        assertThat(amount(f, "renewalNet")).as(as).isEqualByComparingTo(renewalNet);
        assertThat(amount(f, "newNet")).as(as).isEqualByComparingTo(newNet);
        if (perOrder == null) {
            assertThat(f.get("perOrder").isNull()).as(as + " 无数据").isTrue();
        } else {
            assertThat(amount(f, "perOrder")).as(as).isEqualByComparingTo(perOrder);
        }
    }

    private static BigDecimal amount(JsonNode figures, String field) {
        return figures.get(field).decimalValue().setScale(2, RoundingMode.HALF_UP);
    }

    private static OffsetDateTime at(LocalDate day, int hour, int minute, int second) {
        return day.atTime(LocalTime.of(hour, minute, second)).atZone(BusinessTime.ZONE).toOffsetDateTime();
    }

    /** A paid opportunity of a new customer; {@code renewalOf}: the deal it renews (a renewal has no team). */
    private long deal(int n, String campus, String team, Long renewalOf) {
        OffsetDateTime when = at(M.minusMonths(1), 9, 0, 0);
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, created_at, updated_at) values (?, ?, ?, ?)")
                .params("业绩测试" + n, PHONE + String.format("%04d", n), when, when).update(keys, "id");
        long customer = keys.getKey().longValue();
        keys = new GeneratedKeyHolder();
        jdbc.sql("insert into opportunity (customer_id, status, stage, channel, campus_code, product_line, owner_group, "
                + "received_at, paid_at, team_id, renewal_of_id) values (?, 'WON', 'ASSIGNED', 'PHONE', ?, 'ONE_ON_ONE', "
                + "'consultant', ?, ?, ?, ?)").params(customer, campus, when, when, team, renewalOf)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private void credit(long deal, String user, String amount, String policy, OffsetDateTime at) {
        jdbc.sql("insert into sales_credit (opportunity_id, user_id, amount, policy, credited_at) values (?, ?, ?, ?, ?)")
                .params(deal, user, new BigDecimal(amount), policy, at).update();
    }

    /** A refund paid out at {@code at} with its contract (year 1999: no real contract numbers there). */
    private void reversal(int n, long deal, String campus, String user, String amount, OffsetDateTime at) {
        long customer = jdbc.sql("select customer_id from opportunity where id = ?").param(deal).query(Long.class)
                .single();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contract (number, campus_code, contract_year, seq, quote_id, opportunity_id, customer_id, "
                + "final_price, status, issued_by, issued_at, sha256, pdf_size) values (?, ?, 1999, ?, ?, ?, ?, "
                + "10000.00, 'ISSUED', 'zhaomin', ?, ?, 0)")
                .params("YJ-TEST-" + n, campus, 9000 + n, -9000L - n, deal, customer, at, "0".repeat(64))
                .update(keys, "id");
        long contract = keys.getKey().longValue();
        keys = new GeneratedKeyHolder();
        jdbc.sql("insert into refund (refund_no, contract_id, opportunity_id, customer_id, campus_code, reason, status, "
                + "paid, consumed_value, fees, fee_name, amount, shortfall, consumed_lessons, purchased_lessons, "
                + "unit_price, computation, requested_by, requested_at, paid_out_at) values (?, ?, ?, ?, ?, 'PERSONAL', "
                + "'PAID', 10000.00, 0, 0, '无', 5000.00, 0, 0, 40, 250.00, '测试', 'chenxi', ?, ?)")
                .params("YJTEST" + n, contract, deal, customer, campus, at, at).update(keys, "id");
        jdbc.sql("insert into sales_credit_reversal (refund_id, user_id, amount, reversed_at) values (?, ?, ?, ?)")
                .params(keys.getKey().longValue(), user, new BigDecimal(amount), at).update();
    }
}
