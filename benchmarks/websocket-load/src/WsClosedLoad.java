import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Closed-loop WebSocket load: {@code sessions} connections, each keeping {@code window} text messages in flight and
 * sending the next as a reply arrives, for {@code seconds}. Prints one {@code RESULT} line (replies per second,
 * latency percentiles, errors). Used for the echo round trips (window 1, the reply must be the message itself) and
 * for JSON messages to a bidirectional gRPC method through the gateway (the reply must start with {@code expect}).
 * The first {@code warmup} seconds are sent but not counted (the JIT compilers of this process and of the server
 * warm up); {@code cpu} names processes whose CPU ticks over the measured window are printed with the result.
 *
 * <pre>java -cp ... WsClosedLoad --url ws://127.0.0.1:18300/echo [--sessions 64] [--window 1] [--threads 2]
 *     [--seconds 15] [--size 100 | --message TEXT --expect PREFIX] [--subprotocol json] [--label echo]
 *     [--warmup 10] [--cpu proxy=PID,backend=PID]</pre>
 */
public final class WsClosedLoad {
    public static void main(String[] args) throws Exception {
        Options o = new Options(args, "url", "", "sessions", "64", "window", "1", "threads", "2", "seconds", "15",
                "size", "100", "message", "", "expect", "", "subprotocol", "", "label", "ws", "warmup", "0", "cpu", "");
        String text = o.text("message").isEmpty() ? filler(o.integer("size")) : o.text("message");
        boolean echo = o.text("expect").isEmpty();
        ByteBuf message = shared(text);
        ByteBuf expected = echo ? message : shared(o.text("expect"));

        EventLoopGroup group = Transport.group(o.integer("threads"));
        Phase phase = new Phase();
        List<Tally> tallies = new ArrayList<>();
        List<ClosedLoopWsSession> handlers = new ArrayList<>();
        List<Future<Channel>> handshakes = new ArrayList<>();
        WsClients clients = new WsClients(group, URI.create(o.text("url")), o.text("subprotocol"));
        for (int i = 0; i < o.integer("sessions"); i++) {
            Tally tally = new Tally();
            ClosedLoopWsSession handler = new ClosedLoopWsSession(message, expected, echo, o.integer("window"), phase, tally);
            tallies.add(tally);
            handlers.add(handler);
            handshakes.add(clients.open(null, () -> handler));
        }
        Sessions sessions = new Sessions();
        sessions.await(handshakes, 60);
        if (sessions.failed() > 0) {
            System.err.println(sessions.failed() + " handshakes failed, the first: " + sessions.firstFailure());
        }
        int seconds = o.integer("seconds");
        CpuTicks cpu = new CpuTicks(o.text("cpu"));
        phase.begin(o.integer("warmup"), seconds);
        for (int i = 0; i < handshakes.size(); i++) {
            if (handshakes.get(i).isSuccess()) {
                handlers.get(i).start(handshakes.get(i).getNow());
            }
        }
        phase.run(cpu);
        String cpuUsed = cpu.sinceStart();
        Thread.sleep(200);   // replies already on their way are read (and not counted), not cut off
        sessions.closeAll();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).await();
        List<Tally> opened = new ArrayList<>();
        for (int i = 0; i < handshakes.size(); i++) {
            if (handshakes.get(i).isSuccess()) {
                opened.add(tallies.get(i));
            }
        }
        LoadReport.print(o.text("label"), opened, seconds, sessions.failed(), cpuUsed);
        System.exit(sessions.failed() > 0 ? 2 : 0);
    }

    /** A text of {@code size} printable ASCII bytes. */
    private static String filler(int size) {
        StringBuilder text = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            text.append((char) ('a' + i % 26));
        }
        return text.toString();
    }

    private static ByteBuf shared(String text) {
        return Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}
