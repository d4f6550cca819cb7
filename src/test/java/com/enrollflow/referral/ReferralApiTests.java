package com.enrollflow.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
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

import com.enrollflow.contract.Contract;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.enrollflow.testsupport.Sales;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * 转介绍 through the real HTTP stack: a lead names its referrer by phone or by name and is linked to that customer of
 * the caller's campuses; bad referrers are refused by field and nothing is stored; the report counts referrals and
 * their conversion per referrer, within the caller's campuses, as JSON or CSV.
 */
@EnrollFlowTest
class ReferralApiTests {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReferralFixtures fx;
    @Autowired
    ReferralRewards rewards;
    @Autowired
    Sales sales;
    @Autowired
    ProcessEngine engine;

    private ResponseEntity<JsonNode> lead(String user, Map<String, String> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private static Map<String, String> referral(String phone, String referrerPhone) {
        Map<String, String> body = new HashMap<>(Map.of("name", "被介绍学员", "phone", phone, "channel", "转介绍",
                "campus", "BJ-HD", "productLine", "ONE_ON_ONE"));
        if (referrerPhone != null) {
            body.put("referrerPhone", referrerPhone);
        }
        return body;
    }

    private String phoneOf(long customerId) {
        return jdbc.sql("select phone from customer where id = ?").param(customerId).query(String.class).single();
    }

    private Long referrerOf(long customerId) {
        return jdbc.sql("select referrer_customer_id from referral where referred_customer_id = ?").param(customerId)
                .query(Long.class).optional().orElse(null);
    }

    private int customersWithPhone(String phone) {
        return jdbc.sql("select count(*) from customer where phone = ?").param("+86" + phone).query(Integer.class)
                .single();
    }

    private static String field(ResponseEntity<JsonNode> answer) {
        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.BAD_REQUEST);
        return answer.getBody().at("/errors/0/field").asText();
    }

    @Test
    void shouldLinkTheReferrerFoundByAnySpellingOfTheirPhone() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        String e164 = phoneOf(referrer.customerId());
        String spelled = e164.substring(3, 6) + "-" + e164.substring(6, 10) + "-" + e164.substring(10);
        ResponseEntity<JsonNode> created = lead("zhangli", referral(Leads.newPhone(), spelled));

        assertThat(created.getStatusCode()).as(String.valueOf(created.getBody())).isEqualTo(HttpStatus.CREATED);
        long customer = created.getBody().get("customerId").asLong();
        assertThat(referrerOf(customer)).isEqualTo(referrer.customerId());
        JsonNode record = http.withBasicAuth("zhangli", "demo").getForObject("/api/customers/{id}", JsonNode.class,
                customer);
        String name = jdbc.sql("select name from customer where id = ?").param(referrer.customerId())
                .query(String.class).single();
        assertThat(record.at("/enquiries/0/referrer").asText()).as("the referrer's name kept with the enquiry")
                .isEqualTo(name);
        assertThat(record.get("timeline").findValuesAsText("event")).contains("REFERRED");
    }

    @Test
    void shouldRefuseABadUnknownOrMisplacedReferrerPhoneAndStoreNothing() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        String known = phoneOf(referrer.customerId());
        record Case(String user, Map<String, String> body, String why) {
        }
        String[] phones = {Leads.newPhone(), Leads.newPhone(), Leads.newPhone(), Leads.newPhone()};
        Map<String, String> byPhone = referral(phones[2], known);
        byPhone.put("channel", "PHONE");
        Map<String, String> otherCampus = referral(phones[3], known);
        otherCampus.put("campus", "SH-PD");
        List<Case> cases = List.of(
                new Case("zhangli", referral(phones[0], "不是电话"), "no phone number"),
                new Case("zhangli", referral(phones[1], Leads.newPhone()), "nobody has this phone"),
                new Case("zhangli", byPhone, "only a referral names a referrer"),
                new Case("xuming", otherCampus, "a customer of a campus the caller does not work for"));
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertThat(field(lead(c.user(), c.body()))).as(c.why()).isEqualTo("referrerPhone");
            assertThat(customersWithPhone(phones[i])).as("nothing stored: " + c.why()).isZero();
        }
    }

    /**
     * A lead list marketing imports names the referrer by phone (列 介绍人手机号) as the lead API does: the row is linked
     * to that customer, and a row naming nobody, or naming a referrer outside 转介绍, is rejected by that field while
     * the other rows come in.
     */
    @Test
    void shouldLinkTheReferrerNamedByPhoneInAnImportedLeadList() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        String known = phoneOf(referrer.customerId()).substring(3);
        String[] phones = {Leads.newPhone(), Leads.newPhone(), Leads.newPhone()};
        String csv = "姓名,电话,渠道,校区,介绍人手机号\n"
                + "导入被介绍," + phones[0] + ",转介绍,北京海淀," + known.substring(0, 3) + " " + known.substring(3) + "\n"
                + "介绍人不存在," + phones[1] + ",转介绍,北京海淀," + Leads.newPhone() + "\n"
                + "不是转介绍," + phones[2] + ",市场活动,北京海淀," + known + "\n";
        ResponseEntity<JsonNode> answer = http.withBasicAuth("hanmei", "demo").exchange("/api/leads/import",
                HttpMethod.POST, com.enrollflow.testsupport.Uploads.file("转介绍名单.csv",
                        csv.getBytes(StandardCharsets.UTF_8)), JsonNode.class);

        assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
        JsonNode rows = answer.getBody().get("results");
        assertThat(rows.get(0).get("status").asText()).as(rows.toString()).isEqualTo("CREATED");
        assertThat(referrerOf(rows.get(0).get("customerId").asLong())).isEqualTo(referrer.customerId());
        for (int i = 1; i <= 2; i++) {
            assertThat(rows.get(i).get("status").asText()).isEqualTo("REJECTED");
            assertThat(rows.get(i).get("errors").findValuesAsText("field")).containsExactly("referrerPhone");
            assertThat(customersWithPhone(phones[i])).as("nothing stored of row " + (i + 2)).isZero();
        }
        assertThat(rows.get(2).get("errors").findValuesAsText("message").get(0)).contains("转介绍");
    }

    @Test
    void shouldRefuseAFamilyAsItsOwnReferrerAndAFamilyThatHasPaidAlready() {
        Sales.Owned family = sales.owned("ONE_ON_ONE");
        String own = phoneOf(family.customerId());
        int enquiries = jdbc.sql("select count(*) from enquiry where customer_id = ?").param(family.customerId())
                .query(Integer.class).single();
        ResponseEntity<JsonNode> self = lead("zhangli", referral(own.substring(3), own));
        assertThat(field(self)).isEqualTo("referrerPhone");
        assertThat(self.getBody().at("/errors/0/message").asText()).contains("本人");
        assertThat(jdbc.sql("select count(*) from enquiry where customer_id = ?").param(family.customerId())
                .query(Integer.class).single()).as("nothing stored").isEqualTo(enquiries);

        ReferralFixtures.Referrer referrer = fx.withContract();
        jdbc.sql("update opportunity set paid_at = ? where id = ?").params(OffsetDateTime.now(), family.opportunityId())
                .update();
        ResponseEntity<JsonNode> paid = lead("zhangli", referral(own.substring(3), phoneOf(referrer.customerId())));
        assertThat(field(paid)).isEqualTo("referrerPhone");
        assertThat(referrerOf(family.customerId())).isNull();
    }

    @Test
    void shouldRefuseTwoNewFamiliesNamingEachOtherAsReferrer() {
        String first = Leads.newPhone();
        String second = Leads.newPhone();
        assertThat(lead("zhangli", referral(first, null)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long a = jdbc.sql("select id from customer where phone = ?").param("+86" + first).query(Long.class).single();
        assertThat(lead("zhangli", referral(second, first)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long b = jdbc.sql("select id from customer where phone = ?").param("+86" + second).query(Long.class).single();
        assertThat(referrerOf(b)).isEqualTo(a);

        ResponseEntity<JsonNode> back = lead("zhangli", referral(first, second)); // A calls again, naming B
        assertThat(field(back)).isEqualTo("referrerPhone");
        assertThat(back.getBody().at("/errors/0/message").asText()).contains("是由该客户介绍来的，不能互为介绍人");
        assertThat(referrerOf(a)).isNull();
    }

    @Test
    void shouldLinkAReferrerByAUniqueNameAndAskForThePhoneWhenTheNameIsShared() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        String unique = "介绍人" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("update customer set name = ? where id = ?").params(unique, referrer.customerId()).update();
        Map<String, String> byName = referral(Leads.newPhone(), null);
        byName.put("referrer", unique);
        ResponseEntity<JsonNode> linked = lead("zhangli", byName);
        assertThat(linked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(referrerOf(linked.getBody().get("customerId").asLong())).isEqualTo(referrer.customerId());

        Map<String, String> friend = referral(Leads.newPhone(), null);
        friend.put("referrer", "隔壁王阿姨" + System.nanoTime());
        ResponseEntity<JsonNode> text = lead("zhangli", friend);
        assertThat(text.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(referrerOf(text.getBody().get("customerId").asLong())).as("no customer: free text, as before")
                .isNull();

        ReferralFixtures.Referrer namesake = fx.withContract();
        jdbc.sql("update customer set name = ? where id = ?").params(unique, namesake.customerId()).update();
        String phone = Leads.newPhone();
        Map<String, String> shared = referral(phone, null);
        shared.put("referrer", unique);
        ResponseEntity<JsonNode> refused = lead("zhangli", shared);
        assertThat(field(refused)).isEqualTo("referrer");
        assertThat(refused.getBody().at("/errors/0/message").asText()).contains("2 位").contains("referrerPhone");
        assertThat(customersWithPhone(phone)).isZero();
    }

    @Test
    void shouldCountReferralsConversionAndRewardsPerReferrerWithinTheCallersCampuses() {
        ReferralFixtures.Referrer referrer = fx.withContract();
        assertThat(lead("zhangli", referral(Leads.newPhone(), phoneOf(referrer.customerId()))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        Contract paid = fx.referredContract(referrer, "8000.00");
        jdbc.sql("update opportunity set paid_at = ? where id = ?").params(OffsetDateTime.now(), paid.opportunityId())
                .update();
        ReferralReward reward = rewards.referredFamilyPaid(paid.opportunityId(), paid.id()).orElseThrow();
        sales.runJobs(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("referralReward")
                .processInstanceBusinessKey(reward.rewardNo()).singleResult());

        JsonNode report = http.withBasicAuth("sunqiang", "demo").getForObject("/api/reports/referrals?campus=海淀",
                JsonNode.class);
        JsonNode row = rowOf(report, referrer.customerId());
        assertThat(row).as(String.valueOf(report)).isNotNull();
        assertThat(row.at("/figures/referred").asInt()).isEqualTo(2);
        assertThat(row.at("/figures/paid").asInt()).isEqualTo(1);
        assertThat(row.at("/figures/conversion").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(row.at("/figures/rewardsGranted").asInt()).isEqualTo(1);
        assertThat(row.at("/figures/giftedLessons").asInt()).isEqualTo(2);
        assertThat(report.at("/total/referred").asInt()).isGreaterThanOrEqualTo(2);

        ResponseEntity<byte[]> csv = http.withBasicAuth("sunqiang", "demo")
                .getForEntity("/api/reports/referrals?format=csv", byte[].class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF客户编号,介绍人,介绍数,已缴费,转化率（%）,").contains(referrer.customerId() + ",")
                .contains(",2,1,50.0,1,2,0.00").contains("合计");

        // campus scope: Shanghai's supervisor sees none of Haidian's referrals, and no Haidian report at all
        assertThat(rowOf(http.withBasicAuth("panlei", "demo").getForObject("/api/reports/referrals", JsonNode.class),
                referrer.customerId())).isNull();
        assertThat(http.withBasicAuth("panlei", "demo").getForEntity("/api/reports/referrals?campus=BJ-HD",
                JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.withBasicAuth("liwei", "demo").getForEntity("/api/reports/referrals", JsonNode.class)
                .getStatusCode()).as("consultants read no reports").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(http.withBasicAuth("hanmei", "demo").getForEntity("/api/reports/referrals", JsonNode.class)
                .getStatusCode()).as("a line per referring family names it: not marketing's, which reads the counts "
                        + "(the funnel by channel 转介绍)").isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void shouldRefuseBadReportParametersByName() {
        assertThat(reportField("campus=火星")).isEqualTo("campus");
        assertThat(reportField("format=pdf")).isEqualTo("format");
        assertThat(reportField("from=2026-13-01")).isEqualTo("from");
        assertThat(reportField("from=2026-03-02&to=2026-03-01")).isEqualTo("to");
    }

    private String reportField(String query) {
        return field(http.withBasicAuth("sunqiang", "demo").getForEntity("/api/reports/referrals?" + query,
                JsonNode.class));
    }

    private static JsonNode rowOf(JsonNode report, long referrer) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("referrerCustomerId").asLong() == referrer) {
                return row;
            }
        }
        return null;
    }
}
