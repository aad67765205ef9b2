package dev.polygate.translators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.polygate.spi.Translator;
import dev.polygate.spi.TransportKind;
import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** On epoll loops the upstream connections are epoll channels too (a NIO channel could not register there). */
class EpollTransportTest {
    @TempDir
    Path dir;
    private ProxyHarness proxy;

    @BeforeEach
    void start() {
        assumeTrue(Epoll.isAvailable(), "native epoll is not available here");
        proxy = new ProxyHarness(dir, TransportKind.EPOLL);
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Backends.class, names = {"HTTP1", "H2C"})
    void proxiesOverEpoll(Backends kind) throws Exception {
        TestBackend backend = proxy.track(kind.start("b1", null));
        Translator translator = proxy.translator(kind.upstream("u", null, backend), null);

        assertThat(proxy.run(translator, proxy.get("/")).body()).isEqualTo("hello from b1");
        assertThat(proxy.run(translator, TestExchange.post(proxy.loop(), "/count",
                TestRequestBody.sized(proxy.loop(), 300_000))).body()).isEqualTo("300000");
    }
}
