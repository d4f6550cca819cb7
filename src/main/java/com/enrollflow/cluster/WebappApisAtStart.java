package com.enrollflow.cluster;

import java.util.Set;

import org.apache.catalina.Container;
import org.apache.catalina.Wrapper;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The webapps' APIs (Tasklist, Cockpit, Admin, Welcome and the engine API behind them) start with the node, not at
 * the first request that needs each. The starter registers them as Jersey servlets without load-on-startup, so the
 * first staff member to open Tasklist on a node just started (after a crash, in a rolling upgrade) waited for four of
 * them to be built inside one page load; on a busy machine one plugin script then came after the 7 s the page's
 * module loader waits, and Tasklist stayed blank until reloaded (browser test 1, with the cluster test starting nodes
 * beside it: "Load timeout for modules: tasklist-plugin-tasklistPlugins/plugin"). With load-on-startup they are built
 * while the node starts (Spring Boot defers them until the application context is ready), before its health check
 * answers UP.
 */
@Component
class WebappApisAtStart implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** The servlet names CamundaBpmWebappInitializer gives them. */
    static final Set<String> APIS = Set.of("Cockpit Api", "Admin Api", "Tasklist Api", "Engine Api", "Welcome Api");

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.addContainerListener(event -> {
            if (Container.ADD_CHILD_EVENT.equals(event.getType()) && event.getData() instanceof Wrapper servlet
                    && APIS.contains(servlet.getName())) {
                servlet.setLoadOnStartup(1);
            }
        }));
    }
}
