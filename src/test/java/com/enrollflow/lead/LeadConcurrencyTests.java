package com.enrollflow.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.enrollflow.testsupport.Concurrently;
import com.enrollflow.testsupport.EnrollFlowTest;
import com.enrollflow.testsupport.Leads;
import com.fasterxml.jackson.databind.JsonNode;

/** Races decided by the database: the same new phone from many threads at once. */
@EnrollFlowTest
class LeadConcurrencyTests {

    private static final int THREADS = 8;

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @Test
    void shouldCreateExactlyOneCustomerAndOneOpenOpportunityForTheSamePhoneFromManyThreads() throws Exception {
        String phone = Leads.newPhone();
        List<ResponseEntity<JsonNode>> answers = race(i -> Map.of("name", "并发客户" + i,
                "phone", i % 2 == 0 ? phone : "+86 " + phone, "channel", "PHONE"), null);

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
        assertThat(answers.stream().filter(a -> !a.getBody().get("duplicate").asBoolean()).count()).isEqualTo(1);
        assertThat(answers.stream().map(a -> a.getBody().get("customerId").asLong()).distinct().count()).isEqualTo(1);
        assertThat(count("select count(*) from customer where phone = ?", "+86" + phone)).isEqualTo(1);
        assertThat(count("select count(*) from opportunity o join customer c on c.id = o.customer_id "
                + "where c.phone = ? and o.status = 'OPEN'", "+86" + phone)).isEqualTo(1);
        assertThat(count("select count(*) from enquiry e join customer c on c.id = e.customer_id where c.phone = ?",
                "+86" + phone)).isEqualTo(THREADS);
    }

    @Test
    void shouldCreateOneLeadForConcurrentRetriesWithTheSameIdempotencyKey() throws Exception {
        String phone = Leads.newPhone();
        List<ResponseEntity<JsonNode>> answers = race(i -> Map.of("name", "重试客户", "phone", phone,
                "channel", "WEB_FORM"), "same-key-" + phone);

        assertThat(answers).allSatisfy(a -> assertThat(a.getStatusCode().value()).isEqualTo(201));
        assertThat(answers.stream().map(ResponseEntity::getBody).distinct().count()).isEqualTo(1);
        assertThat(count("select count(*) from enquiry e join customer c on c.id = e.customer_id where c.phone = ?",
                "+86" + phone)).isEqualTo(1);
    }

    private List<ResponseEntity<JsonNode>> race(java.util.function.IntFunction<Map<String, String>> body, String key)
            throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        List<Callable<ResponseEntity<JsonNode>>> posts = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            posts.add(() -> http.withBasicAuth("zhangli", "demo").exchange("/api/leads", HttpMethod.POST,
                    new HttpEntity<>(body.apply(n), headers), JsonNode.class));
        }
        return Concurrently.run(posts);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
