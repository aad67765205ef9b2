package dev.polygate.translators.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

/**
 * How an RFC 8441 stream to a backend ends: with END_STREAM after a completed close handshake, whoever asks to
 * close it afterwards, and only then closed.
 */
class Http2StreamBytesTest {

    /** A backend stream whose response HEADERS arrived, as after a successful extended CONNECT. */
    private static EmbeddedChannel acceptedStream() {
        EmbeddedChannel stream = new EmbeddedChannel(new Http2StreamBytes());
        stream.writeInbound(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
        ReferenceCountUtil.release(stream.readInbound());
        return stream;
    }

    @Test
    void aSecondCloseWhileTheStreamIsEndingWaitsForTheBackendsEndInsteadOfResetting() {
        EmbeddedChannel stream = acceptedStream();

        Http2StreamBytes.closeAfterHandshake(stream);
        Http2DataFrame end = stream.readOutbound();
        assertThat(end.isEndStream()).isTrue();
        end.release();
        assertThat(stream.isOpen()).as("waiting for the backend's END_STREAM").isTrue();

        // the client's side goes away meanwhile and the relay closes the backend once more
        ChannelFuture second = stream.close();
        assertThat(stream.isOpen()).as("a second close must not cut the ending stream short").isTrue();
        assertThat(second.isDone()).isFalse();

        stream.writeInbound(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
        assertThat(stream.isOpen()).as("the backend's END_STREAM ends it").isFalse();
        assertThat(second.isSuccess()).isTrue();
        stream.finishAndReleaseAll();
    }

    @Test
    void aStreamClosedWithoutACompletedHandshakeIsClosedAtOnce() {
        EmbeddedChannel stream = acceptedStream();

        stream.close();

        assertThat(stream.isOpen()).isFalse();
        assertThat((Object) stream.readOutbound()).as("no END_STREAM: the stream is reset").isNull();
        stream.finishAndReleaseAll();
    }
}
