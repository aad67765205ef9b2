package dev.polygate.edge.accesslog;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.polygate.edge.exchange.DownstreamExchange;
import dev.polygate.edge.websocket.EdgeWebSocketUpgrade;
import dev.polygate.edge.websocket.WebSocketStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One JSON line per exchange. Lines are formatted on the event loop but written by a background thread, so
 * a slow disk or terminal never blocks I/O; when the queue is full, lines are dropped and counted.
 */
public final class AccessLog implements AutoCloseable {
    private static final String END = new String(new char[0]);
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(65_536);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Thread writer;

    private AccessLog(Writer out) {
        this.out = out;
        this.writer = new Thread(this::drain, "polygate-access-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Logs to {@code file}, or to standard output when it is null. */
    public static AccessLog open(Path file) throws IOException {
        Writer out = file == null
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return new AccessLog(out);
    }

    public void record(DownstreamExchange exchange) {
        if (!queue.offer(format(exchange))) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    static String format(DownstreamExchange e) {
        JsonStringEncoder json = JsonStringEncoder.getInstance();
        var client = e.client();
        String address = hostOf(client.remoteAddress());
        StringBuilder line = new StringBuilder(256);
        line.append("{\"time\":\"").append(Instant.ofEpochMilli(e.startMillis()))
                .append("\",\"client\":\"").append(json.quoteAsString(address));
        // The peer stays the client field; the address behind trusted proxies is added when it is another one.
        InetSocketAddress trusted = e.context().clientAddress();
        if (trusted != null && !trusted.equals(client.remoteAddress())) {
            line.append("\",\"trustedClient\":\"").append(json.quoteAsString(hostOf(trusted)));
        }
        line.append("\",\"protocol\":\"").append(client.protocol())
                .append("\",\"tls\":").append(client.secure())
                .append(",\"method\":\"").append(json.quoteAsString(e.method()))
                .append("\",\"path\":\"").append(json.quoteAsString(e.originalPath()))
                .append("\",\"route\":\"").append(json.quoteAsString(e.routeName()))
                .append("\",\"upstream\":");
        if (e.upstream() == null) {
            line.append("null");
        } else {
            line.append('"').append(json.quoteAsString(e.upstream())).append('"');
        }
        line.append(",\"status\":").append(e.status());
        if (e.grpcStatus() != null) {
            line.append(",\"grpcStatus\":").append(e.grpcStatus());
        }
        if (e.errorDetail() != null) {
            line.append(",\"error\":\"").append(json.quoteAsString(e.errorDetail())).append('"');
        }
        if (e.webSocket().orElse(null) instanceof EdgeWebSocketUpgrade upgrade && upgrade.stats().isAccepted()) {
            WebSocketStats ws = upgrade.stats();
            line.append(",\"websocket\":{\"framesIn\":").append(ws.framesIn())
                    .append(",\"framesOut\":").append(ws.framesOut())
                    .append(",\"bytesIn\":").append(ws.bytesIn())
                    .append(",\"bytesOut\":").append(ws.bytesOut())
                    .append(",\"closeCode\":").append(ws.closeCode()).append('}');
        }
        line.append(",\"bytesIn\":").append(e.bytesIn())
                .append(",\"bytesOut\":").append(e.bytesOut())
                .append(",\"durationMs\":").append(String.format(java.util.Locale.ROOT, "%.3f", e.durationNanos() / 1e6))
                .append('}');
        return line.toString();
    }

    private static String hostOf(InetSocketAddress address) {
        return address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    }

    private void drain() {
        try {
            while (true) {
                String line = queue.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                if (line == END) {
                    break;
                }
                out.write(line);
                out.write('\n');
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            System.err.println("access log stopped: " + e.getMessage());
        } finally {
            try {
                out.flush();
            } catch (IOException ignored) {
                // nothing more can be done for a log that cannot be written
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        try {
            queue.put(END);
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
