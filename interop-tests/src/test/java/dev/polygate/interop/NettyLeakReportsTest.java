package dev.polygate.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The scan {@link GatewayProcess} runs on the gateway's output, against a real report from another JVM. */
class NettyLeakReportsTest {

    @Test
    void findsTheReportOfABufferLeakedInAnotherJvm() throws Exception {
        List<String> output = runLeakingProgram();
        List<String> reports = NettyLeakReports.findIn(output);
        assertThat(reports).as(String.join("\n", output)).hasSize(1);
        assertThat(reports.get(0)).contains("LEAK: ByteBuf.release() was not called", "Created at:",
                LeakingProgram.class.getSimpleName());
    }

    @Test
    void findsNothingInAGatewaysOrdinaryOutput() {
        assertThat(NettyLeakReports.findIn(List.of("polygate 0.1.0-SNAPSHOT",
                "  listener http on 127.0.0.1:38211 (HTTP/1.1, h2c)", "  route backend: prefix / -> http backend",
                "configuration reloaded (SIGHUP): 1 routes", "  note: no LEAK here"))).isEmpty();
    }

    private static List<String> runLeakingProgram() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dio.netty.leakDetection.level=paranoid", "-cp", System.getProperty("java.class.path"),
                LeakingProgram.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.lines().toList();
    }

    /** Loses one buffer without releasing it and makes Netty find out, logging as the gateway jar does. */
    static final class LeakingProgram {
        public static void main(String[] args) {
            InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
            ByteBuf lost = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            lost.writeLong(42);
            lost = null;
            for (int i = 0; i < 5; i++) {
                System.gc();
                PooledByteBufAllocator.DEFAULT.directBuffer(16).release();
            }
        }
    }
}
