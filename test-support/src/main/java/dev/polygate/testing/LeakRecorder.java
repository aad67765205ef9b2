package dev.polygate.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps every leak report of this JVM's Netty detectors until it is drained. The factory is installed before any
 * buffer class is loaded, so every detector reports here (with paranoid detection from the Surefire configuration).
 */
final class LeakRecorder {
    private static final List<String> LEAKS = new ArrayList<>();

    static {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    private LeakRecorder() {
    }

    /** Loads this class, which installs the recording factory; call it before any buffer class is loaded. */
    static void install() {
        // the static initialiser does the work
    }

    /** Makes lost buffers known, then returns and forgets the reports so far. */
    static List<String> drain() {
        // Leaks are found when leaked objects are collected and a later allocation polls the queue.
        collectGarbage();
        for (int j = 0; j < 64; j++) {
            ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            probe.release();
        }
        synchronized (LEAKS) {
            List<String> found = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return found;
        }
    }

    /**
     * Collects garbage and waits until the collected references have been queued. System.gc() returns before the
     * JVM's reference handler has queued them, and on a loaded machine a probe could poll too early: a sentinel
     * reference queued in a second round proves the first round's references have all been handed over.
     */
    private static void collectGarbage() {
        for (int round = 0; round < 2; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            try {
                queue.remove(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Reference.reachabilityFence(sentinel);
        }
    }

    private static void record(String report) {
        synchronized (LEAKS) {
            LEAKS.add(report);
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
                    record(resourceType + records);
                }

                @Override
                protected void reportUntracedLeak(String resourceType) {
                    super.reportUntracedLeak(resourceType);
                    record(resourceType + " (untraced)");
                }
            };
        }
    }
}
