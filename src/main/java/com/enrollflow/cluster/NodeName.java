package com.enrollflow.cluster;

import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The node's name, {@code enrollflow.node.name}: the environment's {@code ENROLLFLOW_NODE_NAME}, else the host name.
 * Resolved before logging starts, so the log pattern (application.yaml, {@code logging.pattern.level}) and the
 * metrics tag can name it; the job executor uses it as its lock owner ({@link ClusterConfiguration}).
 */
public class NodeName implements EnvironmentPostProcessor, Ordered {

    public static final String PROPERTY = "enrollflow.node.name";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String configured = env.getProperty(PROPERTY, "");
        if (configured.isBlank()) {
            env.getPropertySources().addFirst(new MapPropertySource("enrollflowNodeName",
                    Map.of(PROPERTY, hostName())));
        }
    }

    /** After the configuration files are read (they may name the node), before logging is set up. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            // a host without a resolvable name still needs a name that differs from its neighbours'
            return "node-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
