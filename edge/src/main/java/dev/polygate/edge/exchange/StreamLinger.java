package dev.polygate.edge.exchange;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 stream whose response is complete while the client is still sending its request body. The
 * rest of the body is read and dropped, within a bound of bytes and time, so that the stream ends the
 * normal way; past the bound the stream is reset. Resetting at once would be cheaper, but several
 * clients treat a reset as a failure of the response they already received.
 */
final class StreamLinger {
    private static final long MAX_BYTES = 256 * 1024;
    private static final long MAX_MILLIS = 2000;

    private final Channel stream;
    private final ScheduledFuture<?> deadline;
    private long bytes;
    private boolean over;

    StreamLinger(Channel stream) {
        this.stream = stream;
        this.deadline = stream.eventLoop().schedule(this::reset, MAX_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Counts one dropped chunk (the caller releases it). */
    void read(HttpContent content) {
        if (over) {
            return;
        }
        bytes += content.content().readableBytes();
        if (content instanceof LastHttpContent) {
            over = true;
            deadline.cancel(false);
        } else if (bytes > MAX_BYTES) {
            reset();
        }
    }

    private void reset() {
        if (!over) {
            over = true;
            deadline.cancel(false);
            if (stream.isActive()) {
                stream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
