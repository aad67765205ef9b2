package dev.polygate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs small test classes that lose buffers through the JUnit Platform, as Surefire does, and checks which class,
 * or the run itself, is failed for it.
 */
class LeakDetectionExtensionTest {

    @Test
    void aLeakInsideAClassFailsThatClass() {
        Map<String, TestExecutionResult> results = run(LeaksInATest.class);
        assertThat(results.get("LeaksInATest").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(failure(results, "LeaksInATest")).startsWith("1 leaked buffer(s) in ").contains("$LeaksInATest:");
        assertThat(results.get("JUnit Jupiter").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
    }

    @Test
    void aLeakAfterTheLastClassWasCheckedFailsTheRun() {
        Map<String, TestExecutionResult> results = run(FirstLeaksAfterItsCheck.class);
        assertThat(results.get("FirstLeaksAfterItsCheck").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.get("JUnit Jupiter").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(failure(results, "JUnit Jupiter"))
                .contains("$FirstLeaksAfterItsCheck after its own check, found at the end of the run");
    }

    @Test
    void aLeakBetweenTwoClassesIsChargedToTheFirstNotTheSecond() {
        Map<String, TestExecutionResult> results = run(FirstLeaksAfterItsCheck.class, SecondIsClean.class);
        assertThat(results.get("SecondIsClean").getStatus()).isEqualTo(TestExecutionResult.Status.SUCCESSFUL);
        assertThat(results.get("JUnit Jupiter").getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        assertThat(failure(results, "JUnit Jupiter"))
                .contains("$FirstLeaksAfterItsCheck after its own check, found before ", "$SecondIsClean started");
    }

    private static String failure(Map<String, TestExecutionResult> results, String name) {
        return results.get(name).getThrowable().map(Throwable::getMessage).orElse("");
    }

    /** Each test and container's result by simple name; classes run in the order of their names. */
    private static Map<String, TestExecutionResult> run(Class<?>... classes) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$ClassName");
        for (Class<?> type : classes) {
            request.selectors(selectClass(type));
        }
        LauncherDiscoveryRequest built = request.build();
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        LauncherFactory.create().execute(built, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                String name = identifier.getDisplayName();
                results.put(name.substring(name.lastIndexOf('$') + 1), result);
            }
        });
        return results;
    }

    private static void lose(ByteBuf buffer) {
        buffer.writeLong(7);
        // dropped without release()
    }

    static final class LeaksInATest {
        @Test
        void losesABuffer() {
            lose(PooledByteBufAllocator.DEFAULT.directBuffer(16));
        }
    }

    /** Lets go of an unreleased buffer when its class context closes, after the class's own check. */
    static final class FirstLeaksAfterItsCheck {
        static ByteBuf held;

        @RegisterExtension
        static final BeforeAllCallback DROP_WHEN_CLOSED = context -> context.getStore(ExtensionContext.Namespace.GLOBAL)
                .put("drop", (AutoCloseable) () -> {
                    lose(held);
                    held = null;
                });

        @Test
        void holdsABuffer() {
            held = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        }
    }

    static final class SecondIsClean {
        @Test
        void releasesWhatItTakes() {
            PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
        }
    }
}
