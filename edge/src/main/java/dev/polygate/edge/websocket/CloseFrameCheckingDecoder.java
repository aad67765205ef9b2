package dev.polygate.edge.websocket;

import dev.polygate.spi.websocket.WebSocketCloseCodes;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Netty's RFC 6455 frame decoder with the gateway's check of the client's Close frames. Netty's own check ends the
 * connection without a Close frame once it has seen a Close (it marks the closing handshake as received first), and
 * lets codes through that may not be sent (5000 and above, and 65535 read as a negative short); RFC 6455 wants the
 * connection failed with a Close: 1002 for a 1-byte payload or a code that may not appear on the wire (below 1000,
 * 1004-1006, 1015-2999, 5000 and above), 1007 for a reason that is not UTF-8.
 */
final class CloseFrameCheckingDecoder extends WebSocket13FrameDecoder {
    CloseFrameCheckingDecoder(WebSocketDecoderConfig config) {
        super(config);
    }

    @Override
    protected void checkCloseFrameBody(ChannelHandlerContext ctx, ByteBuf buffer) {
        if (buffer == null || !buffer.isReadable()) {
            return;
        }
        int start = buffer.readerIndex();
        int length = buffer.readableBytes();
        if (length == 1) {
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "a Close frame with a 1-byte payload");
        }
        int code = buffer.getUnsignedShort(start);
        if (!WebSocketCloseCodes.isSendable(code)) {
            fail(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "close code " + code + " may not be sent");
        }
        if (length > 2) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer.nioBuffer(start + 2, length - 2));
            } catch (CharacterCodingException e) {
                fail(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "the close reason is not UTF-8");
            }
        }
    }

    private static void fail(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason)).addListener(ChannelFutureListener.CLOSE);
        }
        throw new CorruptedWebSocketFrameException(status, reason);
    }
}
