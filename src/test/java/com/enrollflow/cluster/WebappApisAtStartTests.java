package com.enrollflow.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

import com.enrollflow.testsupport.EnrollFlowTest;

/** The webapps' APIs are built while the node starts, not inside the first staff member's page load. */
@EnrollFlowTest
class WebappApisAtStartTests {

    @Autowired
    ServletWebServerApplicationContext application;

    @Test
    void shouldStartEveryWebappApiWithTheNode() {
        Context context = (Context) ((TomcatWebServer) application.getWebServer()).getTomcat().getHost()
                .findChildren()[0];

        assertThat(WebappApisAtStart.APIS).allSatisfy(name -> {
            Wrapper api = (Wrapper) context.findChild(name);
            assertThat(api).as("servlet %s registered by the webapp starter", name).isNotNull();
            assertThat(api.getLoadOnStartup()).as("%s loaded at start", name).isEqualTo(1);
        });
    }
}
