package dev.polygate.interop;

import io.grpc.ManagedChannelBuilder;
import io.grpc.testing.integration.AbstractInteropTest;
import java.util.function.Supplier;

/**
 * grpc-java's interop client cases, unchanged, on a channel to the gateway instead of to the server. One instance
 * runs one case between {@link #setUp()} and {@link #tearDown()}, as the interop {@code TestServiceClient} does:
 * the cases check the client stream tracers they leave behind, so they must not share an instance.
 */
final class GatewayInteropClient extends AbstractInteropTest {
    private final Supplier<ManagedChannelBuilder<?>> channel;

    GatewayInteropClient(Supplier<ManagedChannelBuilder<?>> channel) {
        this.channel = channel;
    }

    @Override
    protected ManagedChannelBuilder<?> createChannelBuilder() {
        return channel.get();
    }

    /** The server runs in another process, so its census records cannot be read; TestServiceClient says the same. */
    @Override
    protected boolean metricsExpected() {
        return false;
    }

    /** TestServiceClient's figure for a server across a network; the gateway adds one hop. */
    @Override
    protected int operationTimeoutMillis() {
        return 15_000;
    }
}
