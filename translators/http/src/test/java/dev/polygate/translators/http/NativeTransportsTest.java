package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polygate.spi.Translator;
import dev.polygate.spi.TransportKind;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * On native loops the upstream connections are channels of the same transport (a NIO channel could not register
 * there): a small answer, and a body larger than one read or write, over HTTP/1.1 and h2c.
 */
class NativeTransportsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"EPOLL, HTTP1", "EPOLL, H2C", "IO_URING, HTTP1", "IO_URING, H2C"})
    void proxiesOverNativeLoops(TransportKind transport, Backends kind) throws Exception {
        assumeTrue(transport != TransportKind.EPOLL || Epoll.isAvailable(), "native epoll is not available here");
        assumeTrue(transport != TransportKind.IO_URING || IoUring.isAvailable(), "io_uring is not available here");
        try (ProxyHarness proxy = new ProxyHarness(dir, transport)) {
            TestBackend backend = proxy.track(kind.start("b1", null));
            Translator translator = proxy.translator(kind.upstream("u", null, backend), null);

            assertThat(proxy.run(translator, proxy.get("/")).body()).isEqualTo("hello from b1");
            assertThat(proxy.run(translator, TestExchange.post(proxy.loop(), "/count",
                    TestRequestBody.sized(proxy.loop(), 300_000))).body()).isEqualTo("300000");
        }
    }
}
