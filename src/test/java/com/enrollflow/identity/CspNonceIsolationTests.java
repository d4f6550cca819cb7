package com.enrollflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import com.enrollflow.testsupport.EnrollFlowTest;

/**
 * Tasklist's index page carries its scripts' nonce, which must be the nonce of the same response's CSP header even
 * when many pages load at once (Camunda keeps it in the ServletContext; without CspNonceIsolation most concurrent
 * loads mismatched and the browser blocked every script).
 */
@EnrollFlowTest
class CspNonceIsolationTests {

    private static final Pattern HEADER = Pattern.compile("'nonce-([^']+)'");
    private static final Pattern PAGE = Pattern.compile("nonce=\"([^\"]+)\"");

    @Autowired
    TestRestTemplate http;

    @Test
    void shouldGiveEveryConcurrentPageTheNonceOfItsOwnHeader() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<String>> loads = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                String path = i % 3 == 0 ? "/camunda/app/tasklist/default/" : i % 3 == 1
                        ? "/camunda/app/cockpit/default/" : "/camunda/lib/deps.js?bust=7.24.0";
                Callable<String> load = () -> {
                    ResponseEntity<String> r = http.getForEntity(path, String.class);
                    if (path.endsWith(".js?bust=7.24.0")) {
                        return "asset";
                    }
                    Matcher h = HEADER.matcher(r.getHeaders().getFirst("Content-Security-Policy"));
                    Matcher p = PAGE.matcher(r.getBody());
                    assertThat(h.find()).as(path).isTrue();
                    assertThat(p.find()).as(path).isTrue();
                    return h.group(1).equals(p.group(1)) ? "match" : "mismatch " + path;
                };
                loads.add(pool.submit(load));
            }
            for (Future<String> f : loads) {
                assertThat(f.get()).isIn("match", "asset");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
