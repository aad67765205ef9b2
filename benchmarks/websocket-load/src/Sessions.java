import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Handshakes under way and then the open sessions of one client process. */
final class Sessions {
    private final List<Channel> open = new ArrayList<>();
    private long failed;
    private Throwable firstFailure;

    /** Waits for each handshake (at most {@code seconds} in all) and keeps the sessions that opened. */
    void await(List<Future<Channel>> handshakes, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Future<Channel> handshake : handshakes) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (handshake.await(left, TimeUnit.NANOSECONDS) && handshake.isSuccess()) {
                open.add(handshake.getNow());
            } else {
                failed++;
                if (firstFailure == null) {
                    firstFailure = handshake.cause() != null ? handshake.cause() : new IllegalStateException("timed out");
                }
                handshake.cancel(false);
            }
        }
    }

    List<Channel> open() {
        return open;
    }

    long failed() {
        return failed;
    }

    String firstFailure() {
        return firstFailure == null ? "" : firstFailure.toString();
    }

    /** Ends every session with a Close 1000 and waits (briefly) for the connections to go. */
    void closeAll() throws InterruptedException {
        for (Channel channel : open) {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        }
        for (Channel channel : open) {
            channel.closeFuture().await(2, TimeUnit.SECONDS);
        }
    }
}
