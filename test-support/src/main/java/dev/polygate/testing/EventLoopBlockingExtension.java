package dev.polygate.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

/**
 * Fails a test class when code ran a blocking call (a socket or file read, a sleep, a lock wait, ...) on one of
 * Netty's event-loop threads while it ran. BlockHound is installed once per test JVM with Netty's own integration
 * (which marks event-loop threads non-blocking and lets through the few blocking calls Netty itself needs); each
 * blocking call is recorded here as well as thrown in the thread that made it, since an event loop may catch and
 * log what is thrown and the test would pass none the wiser. Registered for every test through JUnit's extension
 * auto-detection.
 */
public final class EventLoopBlockingExtension implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> FOUND = new ArrayList<>();

    static {
        BlockHound.builder()
                .loadIntegrations() // Netty's, found on the class path: which threads are event loops
                // a stopping io_uring loop spins until the kernel has let go of its ring: part of shutting down
                .allowBlockingCallsInside("io.netty.channel.uring.IoUringIoHandler", "destroy")
                // Netty's adaptive allocator takes a short write lock to grow or retire its magazines
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "free")
                .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                .blockingMethodCallback(method -> {
                    String where = Thread.currentThread().getName() + ": " + method;
                    StringBuilder text = new StringBuilder(where);
                    for (StackTraceElement frame : new Throwable().getStackTrace()) {
                        text.append("\n\tat ").append(frame);
                    }
                    synchronized (FOUND) {
                        FOUND.add(text.toString());
                    }
                    throw new BlockingOperationError(method);
                })
                .install();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        drain(); // what an earlier class's threads did after its check is not this class's
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> found = drain();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " blocking call(s) on an event loop in " + context.getDisplayName()
                    + ":\n" + String.join("\n----\n", found));
        }
    }

    private static List<String> drain() {
        synchronized (FOUND) {
            List<String> found = new ArrayList<>(FOUND);
            FOUND.clear();
            return found;
        }
    }
}
