package com.enrollflow.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

import com.enrollflow.payment.FakeRefundGateway;

/**
 * The payment gateway's refund call in the tests' application: a local fake gateway (one per test JVM) that checks
 * our signature and keeps refunds by idempotency key, so the refund process pays online payments back through it.
 */
public final class TestRefundGateway {

    private static FakeRefundGateway gateway;

    private TestRefundGateway() {
    }

    /** The running fake; started with the application's gateway secret by {@link #configure}. */
    public static synchronized FakeRefundGateway get() {
        if (gateway == null) {
            throw new IllegalStateException("the test application has not started the fake refund gateway");
        }
        return gateway;
    }

    static synchronized void configure(ConfigurableApplicationContext context) {
        if (gateway == null) {
            gateway = FakeRefundGateway.start(context.getEnvironment().getProperty("enrollflow.payment.gateway-secret"));
        }
        TestPropertyValues.of("enrollflow.payment.gateway-refund-url=" + gateway.url()).applyTo(context);
    }
}
