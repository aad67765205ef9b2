package dev.polygate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs small test classes through the JUnit Platform, as Surefire does: one that sleeps on a Netty event loop
 * (the blocking call is caught and logged inside the loop, so the test itself passes) must be failed by the
 * extension, and one that sleeps on its own thread must not.
 */
class EventLoopBlockingExtensionTest {

    @Test
    void aSleepOnAnEventLoopFailsTheClassEvenWhenTheLoopSwallowsTheError() {
        Map<String, TestExecutionResult> results = run(SleepsOnAnEventLoop.class);
        assertThat(results.get("sleepsWhereItMustNot()").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.get("SleepsOnAnEventLoop").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(results.get("SleepsOnAnEventLoop").getThrowable().map(Throwable::getMessage).orElse(""))
                .startsWith("1 blocking call(s) on an event loop in ").contains("java.lang.Thread.sleep");
    }

    @Test
    void aSleepOnAnOrdinaryThreadIsAllowed() {
        Map<String, TestExecutionResult> results = run(SleepsOnItsOwnThread.class);
        assertThat(results.get("SleepsOnItsOwnThread").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    private static Map<String, TestExecutionResult> run(Class<?> type) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(type)).build();
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                String name = identifier.getDisplayName();
                results.put(name.substring(name.lastIndexOf('$') + 1), result);
            }
        });
        return results;
    }

    static class SleepsOnAnEventLoop {
        @Test
        void sleepsWhereItMustNot() throws Exception {
            EventExecutor loop = new DefaultEventExecutor();
            try {
                loop.submit(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (Throwable swallowed) {
                        // as a careless handler would
                    }
                }).get(5, TimeUnit.SECONDS);
            } finally {
                loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    static class SleepsOnItsOwnThread {
        @Test
        void sleepsWhereItMay() throws Exception {
            Thread.sleep(1);
        }
    }
}
