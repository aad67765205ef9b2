package dev.polygate.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer while it ran, and the whole run when one is reported
 * outside any class. Registered for every test through JUnit's extension auto-detection.
 *
 * <p>Before a class starts, reports that came in since the previous class was checked (a buffer lost by a thread
 * that outlived that class) are set aside and charged to that class, not to the one starting. They, and whatever
 * the last class leaves behind, fail the run when the engine ends: the check is a resource of the root context,
 * which JUnit closes after every class and reports as a failure of the engine, so Surefire fails the build.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeakDetectionExtension.class);

    static {
        // Extensions are loaded before test classes, so no detector exists yet.
        LeakRecorder.install();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        RunCheck run = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunCheck.class, k -> new RunCheck(),
                RunCheck.class);
        run.setAsideLate(LeakRecorder.drain(), "before " + context.getDisplayName() + " started");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> found = LeakRecorder.drain();
        context.getRoot().getStore(NAMESPACE).get(RunCheck.class, RunCheck.class).classChecked(context.getDisplayName());
        if (!found.isEmpty()) {
            throw new AssertionError(describe(found, "in " + context.getDisplayName()));
        }
    }

    private static String describe(List<String> leaks, String where) {
        return leaks.size() + " leaked buffer(s) " + where + ":\n" + String.join("\n----\n", leaks);
    }

    /** The run's leaks outside any class; closed by JUnit when the engine has run every class. */
    private static final class RunCheck implements AutoCloseable {
        private final List<String> late = new ArrayList<>();
        private String lastChecked;

        synchronized void classChecked(String name) {
            lastChecked = name;
        }

        synchronized void setAsideLate(List<String> leaks, String when) {
            if (!leaks.isEmpty()) {
                late.add(describe(leaks, "left by " + charged() + ", found " + when));
            }
        }

        private String charged() {
            return lastChecked == null ? "the start of the run" : lastChecked + " after its own check";
        }

        @Override
        public synchronized void close() {
            setAsideLate(LeakRecorder.drain(), "at the end of the run");
            if (!late.isEmpty()) {
                throw new AssertionError(String.join("\n====\n", late));
            }
        }
    }
}
