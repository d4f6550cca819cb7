package com.enrollflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/** POST /api/leads through the real HTTP stack, as a call-centre integration would call it. */
@EnrollFlowTest
class LeadApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Leads leads;

    @Test
    void shouldCreateCustomerOpportunityAndProcessInstanceAndFindThemByAnySpellingOfThePhone() {
        String phone = Leads.newPhone();
        String spelled = "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7);
        ResponseEntity<JsonNode> created = post("zhangli", Map.of("name", "张小明", "phone", spelled, "channel", "PHONE",
                "campus", "BJ-HD", "productLine", "ONE_ON_ONE", "grade", "J2", "subject", "MATH",
                "notes", "想了解初二数学"), null);

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = created.getBody();
        assertThat(body.get("duplicate").asBoolean()).isFalse();
        long customerId = body.get("customerId").asLong();
        long opportunityId = body.at("/opportunities/0/opportunityId").asLong();
        assertThat(body.at("/opportunities/0/processInstanceId").asText()).isNotBlank();
        assertThat(created.getHeaders().getLocation()).hasToString("/api/customers/" + customerId);

        JsonNode record = http.withBasicAuth("zhaomin", "demo")
                .getForObject("/api/customers?phone={p}", JsonNode.class, "0086 " + phone);
        assertThat(record.get("id").asLong()).isEqualTo(customerId);
        assertThat(record.get("phone").asText()).isEqualTo("+86" + phone);
        assertThat(record.at("/opportunities/0/id").asLong()).isEqualTo(opportunityId);
        assertThat(record.at("/opportunities/0/stage").asText()).isEqualTo("RECEIVED");
        assertThat(record.at("/opportunities/0/ownerGroup").asText()).isEqualTo("callCenter");
        assertThat(record.at("/opportunities/0/receivedAt").asText()).isNotBlank();
        assertThat(record.at("/enquiries/0/phoneAsGiven").asText()).isEqualTo(spelled);
        assertThat(record.at("/timeline/0/event").asText()).isEqualTo("LEAD_RECEIVED");
        assertThat(record.at("/timeline/0/actor").asText()).isEqualTo("zhangli");

        leads.runJobs(body.at("/opportunities/0/processInstanceId").asText());
        JsonNode task = http.withBasicAuth("zhangli", "demo").getForObject(
                "/engine-rest/task?processInstanceBusinessKey={k}&maxResults=50", JsonNode.class, opportunityId).get(0);
        assertThat(task.get("name").asText()).isEqualTo("首次联系并核实信息");
    }

    @Test
    void shouldKeepTheStudentsBirthDateOnTheCustomerAndFillItFromARepeatEnquiryWhenMissing() {
        String phone = Leads.newPhone();
        ResponseEntity<JsonNode> created = post("zhangli", Map.of("name", "王小雨", "phone", phone, "channel", "PHONE",
                "campus", "BJ-HD", "studentBirthDate", "2012-05-20"), null);
        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        JsonNode record = http.withBasicAuth("zhaomin", "demo").getForObject("/api/customers?phone={p}",
                JsonNode.class, phone);
        assertThat(record.get("studentBirthDate").asText()).isEqualTo("2012-05-20");

        String other = Leads.newPhone();
        post("zhangli", Map.of("name", "李小雪", "phone", other, "channel", "PHONE", "campus", "BJ-HD"), null);
        assertThat(http.withBasicAuth("zhaomin", "demo").getForObject("/api/customers?phone={p}", JsonNode.class, other)
                .get("studentBirthDate").isNull()).isTrue();
        post("zhangli", Map.of("name", "李小雪", "phone", other, "channel", "WALK_IN", "studentBirthDate", "2013-02-28"),
                null);
        post("zhangli", Map.of("name", "李小雪", "phone", other, "channel", "WALK_IN", "studentBirthDate", "2014-01-01"),
                null);
        assertThat(http.withBasicAuth("zhaomin", "demo").getForObject("/api/customers?phone={p}", JsonNode.class, other)
                .get("studentBirthDate").asText()).as("the first date given is kept").isEqualTo("2013-02-28");
    }

    @Test
    void shouldRefuseABirthDateThatIsNoDateInTheFutureOrOfAnAbsurdAgeByField() {
        java.time.LocalDate today = java.time.LocalDate.now(com.enrollflow.reference.BusinessTime.ZONE);
        long customers = count("select count(*) from customer");
        for (String bad : List.of("2012/02/30", "20.05.2012", "2012-02-30", today.plusDays(1).toString(),
                today.minusYears(1).toString(), today.minusYears(31).toString(), "1975-03-01")) {
            ResponseEntity<JsonNode> r = post("zhangli", Map.of("name", "张生日", "phone", Leads.newPhone(),
                    "channel", "PHONE", "studentBirthDate", bad), null);
            assertThat(fields(r)).as(bad).containsExactly("studentBirthDate");
        }
        assertThat(count("select count(*) from customer")).isEqualTo(customers);
        assertThat(post("zhangli", Map.of("name", "张生日", "phone", Leads.newPhone(), "channel", "PHONE",
                "studentBirthDate", today.minusYears(30).toString()), null).getStatusCode())
                .as("30 years old today: still a student").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void shouldReturnTheFirstAnswerToARetryWithTheSameIdempotencyKey() {
        Map<String, String> lead = Map.of("name", "重试客户", "phone", Leads.newPhone(), "channel", "WEB_FORM");
        String key = "web-" + System.nanoTime();
        ResponseEntity<JsonNode> first = post("zhangli", lead, key);
        ResponseEntity<JsonNode> retry = post("zhangli", lead, key);

        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(countOpportunities(first.getBody().get("customerId").asLong())).isEqualTo(1);
        assertThat(count("select count(*) from enquiry where customer_id = ?", first.getBody().get("customerId").asLong()))
                .isEqualTo(1);

        ResponseEntity<JsonNode> otherBody = post("zhangli",
                Map.of("name", "另一个人", "phone", Leads.newPhone(), "channel", "WEB_FORM"), key);
        assertThat(otherBody.getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void shouldAnswerARepeatedEnquiryAsDuplicateWithoutANewOpportunity() {
        String phone = Leads.newPhone();
        JsonNode first = post("zhangli", Map.of("name", "老客户", "phone", phone, "channel", "PHONE", "campus",
                "BJ-HD"), null).getBody();
        JsonNode second = post("zhaomin", Map.of("name", "老客户", "phone", "+86" + phone, "channel", "WALK_IN"), null)
                .getBody();
        assertThat(second.get("duplicate").asBoolean()).isTrue();
        assertThat(second.get("opportunities")).isEqualTo(first.get("opportunities"));
        assertThat(second.get("followedElsewhere")).isEmpty();
        assertThat(countOpportunities(first.get("customerId").asLong())).isEqualTo(1);
    }

    @Test
    void shouldTellTheFrontDeskOnlyThatTheCallCentreFollowsALeadWithoutACampus() {
        String phone = Leads.newPhone();
        JsonNode first = post("zhangli", Map.of("name", "未定校区", "phone", phone, "channel", "PHONE"), null).getBody();
        JsonNode second = post("zhaomin", Map.of("name", "未定校区", "phone", phone, "channel", "WALK_IN"), null)
                .getBody();
        assertThat(second.get("duplicate").asBoolean()).isTrue();
        assertThat(second.get("opportunities")).as("the call centre's lead, before intent").isEmpty();
        assertThat(second.get("customerId").isNull()).isTrue();
        assertThat(second.at("/followedElsewhere/0/followedBy").asText()).isEqualTo("呼叫中心");
        assertThat(second.at("/followedElsewhere/0/stage").asText()).isEqualTo("首次联系中");
        assertThat(second.at("/followedElsewhere/0/campusName").asText()).isEqualTo("尚未确定校区");
        assertThat(countOpportunities(first.get("customerId").asLong())).isEqualTo(1);
    }

    @Test
    void shouldNotLetAnotherCampusGiveAFamilyItsOwnEmail() {
        String phone = Leads.newPhone();
        assertThat(post("shenjia", Map.of("name", "浦东家长", "phone", phone, "channel", "WALK_IN"), null)
                .getStatusCode()).isEqualTo(HttpStatus.CREATED); // 上海浦东's family, no e-mail on file

        // 北京海淀's front desk "registers" the same phone with an address of theirs: a repeat enquiry, nothing more
        ResponseEntity<JsonNode> other = post("zhaomin", Map.of("name", "浦东家长", "phone", phone, "channel", "WALK_IN",
                "email", "attacker@example.com", "studentBirthDate", "2012-05-20"), null);
        assertThat(other.getStatusCode().is2xxSuccessful()).as(String.valueOf(other.getBody())).isTrue();
        assertThat(count("select count(*) from customer where phone = '+86" + phone + "' and email is null "
                + "and birth_date is null")).as("the family's mails do not go to another campus's address").isOne();

        post("shenjia", Map.of("name", "浦东家长", "phone", phone, "channel", "PHONE", "email", "family@example.com"),
                null); // their own campus fills it in
        assertThat(count("select count(*) from customer where phone = '+86" + phone + "' and email = "
                + "'family@example.com'")).isOne();
    }

    @Test
    void shouldListEveryBadFieldAndStoreNothing() {
        long customers = count("select count(*) from customer");
        String tooLong = "长".repeat(65);
        ResponseEntity<JsonNode> bad = post("zhangli", Map.of("name", tooLong, "phone", "12345", "channel", "FAX",
                "campus", "NOWHERE", "productLine", "GROUP", "email", "not-an-email"), null);

        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(fields(bad)).containsExactlyInAnyOrder("name", "phone", "channel", "campus", "productLine", "email");
        assertThat(bad.getBody().at("/errors/0/message").asText()).contains("64");
        assertThat(count("select count(*) from customer")).isEqualTo(customers);
    }

    @Test
    void shouldRejectMissingRequiredFieldsMarkupInNamesWrongTypesAndMalformedJson() {
        assertThat(fields(post("zhangli", Map.of("notes", "只有备注"), null)))
                .containsExactlyInAnyOrder("name", "phone", "channel");
        assertThat(fields(post("zhangli", Map.of("name", "<script>alert(1)</script>", "phone", Leads.newPhone(),
                "channel", "PHONE"), null))).containsExactly("name");
        long customers = count("select count(*) from customer");
        ResponseEntity<JsonNode> nul = post("zhangli", Map.of("name", "王\u0000五", "phone", Leads.newPhone(), "channel",
                "PHONE", "notes", "第一行\n第二行\u0007"), null); // a NUL byte is a server error on PostgreSQL
        assertThat(nul.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(nul)).containsExactlyInAnyOrder("name", "notes");
        assertThat(nul.getBody().toString()).contains("第 2 个字符是控制字符（U+0000）").contains("（U+0007）");
        // a line break is fine in a note, never in a name: it would split every mail's greeting and every export row
        ResponseEntity<JsonNode> twoLines = post("zhangli", Map.of("name", "甲\n乙", "phone", Leads.newPhone(),
                "channel", "PHONE", "notes", "第一行\n第二行"), null);
        assertThat(fields(twoLines)).containsExactly("name");
        assertThat(twoLines.getBody().toString()).contains("不能包含换行或制表符");
        assertThat(count("select count(*) from customer")).isEqualTo(customers);

        ResponseEntity<JsonNode> wrongType = postRaw("{\"name\":\"数字电话\",\"phone\":13800138000,\"channel\":\"PHONE\"}");
        assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(wrongType)).containsExactly("phone");

        ResponseEntity<JsonNode> unknown = postRaw("{\"name\":\"a\",\"phone\":\"13800138000\",\"channel\":\"PHONE\",\"vip\":\"yes\"}");
        assertThat(fields(unknown)).containsExactly("vip");

        ResponseEntity<JsonNode> malformed = postRaw("{\"name\": \"张三\", ");
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(fields(malformed)).containsExactly("(body)");
    }

    @Test
    void shouldKeepMarkupInNotesAsPlainText() {
        String notes = "<img src=x onerror=alert(1)> 想了解英语";
        JsonNode created = post("zhangli", Map.of("name", "安全测试", "phone", Leads.newPhone(), "channel", "PHONE",
                "notes", notes), null).getBody();
        JsonNode record = http.withBasicAuth("zhangli", "demo")
                .getForObject("/api/customers/{id}", JsonNode.class, created.get("customerId").asLong());
        assertThat(record.at("/enquiries/0/notes").asText()).isEqualTo(notes);
    }

    @Test
    void shouldRequireAuthenticationAndTheRightRole() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> anonymous = http.exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>("{}", json), JsonNode.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/api/campuses", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("chenxi", "wrong").getForEntity("/api/campuses", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<JsonNode> teacher = post("zhengkai", Map.of("name", "a", "phone", Leads.newPhone(),
                "channel", "PHONE"), null);
        assertThat(teacher.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldListCampusesAndPublishTheOpenApiDocument() {
        JsonNode campuses = http.withBasicAuth("wuting", "demo").getForObject("/api/campuses", JsonNode.class);
        assertThat(campuses.findValuesAsText("code")).contains("BJ-HD", "BJ-CY", "SH-PD");
        assertThat(campuses.findValuesAsText("name")).contains("北京海淀校区");
        JsonNode api = http.getForObject("/v3/api-docs", JsonNode.class);
        assertThat(api.at("/paths").has("/api/leads")).isTrue();
        assertThat(api.at("/paths").has("/api/customers/{id}")).isTrue();
    }

    private ResponseEntity<JsonNode> post(String user, Map<String, String> body, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.withBasicAuth(user, "demo").exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> postRaw(String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth("zhangli", "demo").exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>(json, headers), JsonNode.class);
    }

    private static List<String> fields(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        return response.getBody().get("errors").findValuesAsText("field");
    }

    private long countOpportunities(long customerId) {
        return count("select count(*) from opportunity where customer_id = ?", customerId);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
