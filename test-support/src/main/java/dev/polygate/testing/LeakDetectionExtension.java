package dev.polygate.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked buffer while it ran. Registered for every test through
 * JUnit's extension auto-detection; the factory is installed before any buffer class is loaded, so every
 * detector reports here (with paranoid detection from the Surefire configuration).
 */
public final class LeakDetectionExtension implements AfterAllCallback {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Leaks are found when leaked objects are collected and a later allocation polls the queue.
        for (int i = 0; i < 3; i++) {
            System.gc();
            for (int j = 0; j < 64; j++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
                probe.release();
            }
        }
        List<String> found;
        synchronized (LEAKS) {
            found = new ArrayList<>(LEAKS);
            LEAKS.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " leaked buffer(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n----\n", found));
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return new ResourceLeakDetector<>(resource, samplingInterval) {
                @Override
                protected void reportTracedLeak(String resourceType, String records) {
                    super.reportTracedLeak(resourceType, records);
                    synchronized (LEAKS) {
                        LEAKS.add(resourceType + records);
                    }
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    super.reportUntracedLeak(resourceType);
                    synchronized (LEAKS) {
                        LEAKS.add(resourceType + " (untraced)");
                    }
                }
            };
        }
    }
}
