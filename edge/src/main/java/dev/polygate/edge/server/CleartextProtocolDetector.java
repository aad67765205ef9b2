package dev.polygate.edge.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * On a cleartext port, tells HTTP/2 with prior knowledge (the client preface) from HTTP/1.1, which may
 * still ask for h2c with {@code Upgrade}. Looks at no more than the 24 preface bytes.
 */
final class CleartextProtocolDetector extends ByteToMessageDecoder {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ProtocolPipelines pipelines;

    CleartextProtocolDetector(ProtocolPipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int available = Math.min(in.readableBytes(), PREFACE.length);
        if (!ByteBufUtil.equals(in, in.readerIndex(), io.netty.buffer.Unpooled.wrappedBuffer(PREFACE), 0, available)) {
            pipelines.http1(ctx.pipeline(), false, true);
            ctx.pipeline().remove(this);
        } else if (available == PREFACE.length) {
            pipelines.http2(ctx.pipeline(), false);
            ctx.pipeline().remove(this);
        }
    }
}
