package dev.polygate.translators.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TransportKind;
import dev.polygate.spi.UpstreamConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUringIoHandler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the edge: one real event loop on which exchanges are handed to translators, and the
 * translators and backends a test made, closed afterwards.
 */
final class ProxyHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventLoopGroup group;
    private final TransportKind transport;
    private final HttpTranslatorFactory factory = new HttpTranslatorFactory();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Path configDirectory;

    ProxyHarness(Path configDirectory) {
        this(configDirectory, TransportKind.NIO);
    }

    /** Loops of the given transport, as the edge would run them. */
    ProxyHarness(Path configDirectory, TransportKind transport) {
        this.configDirectory = configDirectory;
        this.transport = transport;
        this.group = new MultiThreadIoEventLoopGroup(1, switch (transport) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        });
    }

    EventLoop loop() {
        return group.next();
    }

    HttpTranslatorFactory factory() {
        return factory;
    }

    <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** A translator for {@code upstream}; {@code backend} is the route's section, as JSON. */
    Translator translator(UpstreamConfig upstream, String backend) throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree(backend == null ? "{}" : backend);
        config.put("upstream", upstream.name());
        return track(factory.create(config, new TestContext(configDirectory, transport).with(upstream)));
    }

    /** Hands the exchange to the translator on the loop, as the edge does, and waits for its end. */
    RecordingSink run(Translator translator, TestExchange exchange) throws Exception {
        start(translator, exchange);
        return exchange.sink().await();
    }

    void start(Translator translator, TestExchange exchange) {
        exchange.executor().execute(() -> translator.handle(exchange));
    }

    TestExchange get(String path) {
        return TestExchange.get(loop(), path);
    }

    @Override
    public void close() throws IOException {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                throw new IOException("closing " + closeables.get(i), e);
            }
        }
        // As the gateway does: a quiet period lets io_uring cancellations of in-flight reads come back first.
        group.shutdownGracefully(100, 1000, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }
}
