package dev.polygate.edge.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Stream;
import java.util.List;

/**
 * The stream-state rules of RFC 9113 that Netty's decoder answers less precisely. Netty forgets a stream once it
 * closes, so it resets (STREAM_CLOSED) any HEADERS or DATA frame on it. Here HEADERS or DATA on an identifier the
 * client skipped is a connection error PROTOCOL_ERROR (section 5.1.1), and on a stream the client had ended it is a
 * connection error STREAM_CLOSED (section 5.1): the client knew the stream was over. A frame on a stream the gateway
 * reset before the client ended it keeps the stream reset, since the client may have sent it before it saw the
 * reset. A header block on a half-closed (remote) stream is a stream error STREAM_CLOSED, where Netty says
 * PROTOCOL_ERROR.
 *
 * <p>To know which frame an error belongs to, the decoder is handed one frame at a time.
 */
final class Http2StreamRulesDecoder extends DecoratingHttp2ConnectionDecoder {
    private static final int END_STREAM = 0x1;

    private final RecentClientStreams recent = new RecentClientStreams();
    /** Bytes of the current frame, its header included, not yet handed to the decoder; 0 between frames. */
    private int frameLeft;
    private byte frameType;
    private int frameStream;
    private boolean frameEndsStream;

    Http2StreamRulesDecoder(Http2ConnectionDecoder delegate) {
        super(delegate);
        connection().addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamAdded(Http2Stream stream) {
                if (connection().remote().isValidStreamId(stream.id())) {
                    recent.opened(stream.id());
                    if (stream.state() == Http2Stream.State.HALF_CLOSED_REMOTE) {
                        recent.ended(stream.id()); // the h2c upgrade request
                    }
                }
            }
        });
    }

    @Override
    public void decodeFrame(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Http2Exception {
        while (in.isReadable()) {
            if (frameLeft == 0) {
                if (in.readableBytes() < Http2CodecUtil.FRAME_HEADER_LENGTH) {
                    return;
                }
                int start = in.readerIndex();
                frameLeft = Http2CodecUtil.FRAME_HEADER_LENGTH + in.getUnsignedMedium(start);
                frameType = in.getByte(start + 3);
                frameEndsStream = (frameType == Http2FrameTypes.HEADERS || frameType == Http2FrameTypes.DATA)
                        && (in.getByte(start + 4) & END_STREAM) != 0;
                frameStream = in.getInt(start + 5) & Integer.MAX_VALUE;
            }
            int before = in.readerIndex();
            int writerIndex = in.writerIndex();
            in.writerIndex(before + Math.min(frameLeft, in.readableBytes()));
            try {
                super.decodeFrame(ctx, in, out);
            } catch (Http2Exception.StreamException e) {
                throw sharpened(e);
            } finally {
                in.writerIndex(writerIndex);
                frameLeft -= in.readerIndex() - before;
            }
            if (in.readerIndex() == before) {
                return; // the decoder waits for the rest of the frame
            }
            if (frameLeft == 0 && frameEndsStream) {
                recent.ended(frameStream);
            }
        }
    }

    private Http2Exception sharpened(Http2Exception.StreamException e) {
        int id = e.streamId();
        boolean headersOrData = frameType == Http2FrameTypes.HEADERS || frameType == Http2FrameTypes.CONTINUATION
                || frameType == Http2FrameTypes.DATA;
        if (!headersOrData || id != frameStream) {
            return e;
        }
        Http2Stream stream = connection().stream(id);
        if (stream != null) {
            return stream.state() == Http2Stream.State.HALF_CLOSED_REMOTE && e.error() != Http2Error.STREAM_CLOSED
                    ? Http2Exception.streamError(id, Http2Error.STREAM_CLOSED, e,
                            "stream %d is half-closed: the client had ended it", id)
                    : e;
        }
        if (!recent.remembers(id)) {
            return e;
        }
        if (!recent.wasOpened(id)) {
            return Http2Exception.connectionError(Http2Error.PROTOCOL_ERROR, e,
                    "stream %d was skipped: it cannot be opened after a higher one", id);
        }
        if (recent.endedByClient(id)) {
            return Http2Exception.connectionError(Http2Error.STREAM_CLOSED, e,
                    "a frame on stream %d after the client ended it", id);
        }
        return e;
    }
}
