import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.Future;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds idle WebSocket sessions open, from one source address, on the commands it reads from standard input, one
 * line each, answering each with one line:
 * <ul>
 *   <li>{@code open N}: opens N more sessions (at most 100 handshakes at a time) → {@code OPENED total=T failed=F}</li>
 *   <li>{@code echo}: sends one text message on every session and waits (up to a minute) for the echoes →
 *       {@code ECHOED echoed=E open=T closed=C}: every session is really open end to end when E = T</li>
 *   <li>{@code quit} or end of input: closes every session with 1000 → {@code CLOSED}, and exits</li>
 * </ul>
 *
 * <pre>java -cp ... WsIdleSessions --url ws://127.0.0.1:18303/echo [--source 127.0.0.2] [--threads 1]</pre>
 */
public final class WsIdleSessions {
    private static final String PING = "are you there?";

    public static void main(String[] args) throws Exception {
        Options o = new Options(args, "url", "", "source", "", "threads", "1");
        InetAddress source = o.text("source").isEmpty() ? null : InetAddress.getByName(o.text("source"));
        EventLoopGroup group = Transport.group(o.integer("threads"));
        WsClients clients = new WsClients(group, URI.create(o.text("url")), null);
        AtomicLong echoes = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        Sessions sessions = new Sessions();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null && !line.trim().equals("quit")) {
            String[] words = line.trim().split("\\s+");
            if (words[0].equals("open") && words.length == 2) {
                for (int left = Integer.parseInt(words[1]); left > 0; left -= 100) {
                    List<Future<Channel>> batch = new ArrayList<>();
                    for (int i = 0; i < Math.min(100, left); i++) {
                        batch.add(clients.open(source, () -> new IdleSession(echoes, closed)));
                    }
                    sessions.await(batch, 60);
                }
                System.out.printf("OPENED total=%d failed=%d %s%n", sessions.open().size(), sessions.failed(),
                        sessions.firstFailure());
            } else if (words[0].equals("echo")) {
                long before = echoes.get();
                for (Channel channel : sessions.open()) {
                    channel.writeAndFlush(new TextWebSocketFrame(PING));
                }
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (echoes.get() - before < sessions.open().size() - closed.get() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                System.out.printf("ECHOED echoed=%d open=%d closed=%d%n", echoes.get() - before,
                        sessions.open().size(), closed.get());
            } else {
                System.out.println("UNKNOWN " + line);
            }
            System.out.flush();
        }
        sessions.closeAll();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await();
        System.out.println("CLOSED");
    }

    /** Counts the echoes of the ping message, and the session's end. */
    private static final class IdleSession extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final AtomicLong echoes;
        private final AtomicLong closed;
        private boolean open;

        IdleSession(AtomicLong echoes, AtomicLong closed) {
            this.echoes = echoes;
            this.closed = closed;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame text && text.text().equals(PING)) {
                echoes.incrementAndGet();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            open |= evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE;
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (open) {
                closed.incrementAndGet();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
