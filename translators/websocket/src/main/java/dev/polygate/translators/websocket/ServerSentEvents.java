package dev.polygate.translators.websocket;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.Base64;

/**
 * The text/event-stream encoding of what a session carries. A message becomes one event whose {@code data:} lines are
 * the message's lines, so an EventSource joins them back with line feeds; carriage returns are line breaks to the
 * format too, and arrive as line feeds.
 */
final class ServerSentEvents {
    /** The event that tells the client its session's id. */
    static final String SESSION = "session";
    /** The event carrying a binary message, base64-encoded. */
    static final String BINARY = "binary";
    /** The last event: the session's close code and reason. */
    static final String CLOSE = "close";

    private ServerSentEvents() {
    }

    /** An event of {@code type} (null for the default, {@code message}) carrying {@code data}. */
    static ByteBuf event(ByteBufAllocator alloc, String type, CharSequence data) {
        StringBuilder text = new StringBuilder(data.length() + 32);
        if (type != null) {
            text.append("event: ").append(type).append('\n');
        }
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                text.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        text.append("data: ").append(data, start, data.length()).append("\n\n");
        ByteBuf out = alloc.buffer(ByteBufUtil.utf8MaxBytes(text));
        ByteBufUtil.writeUtf8(out, text);
        return out;
    }

    static ByteBuf binary(ByteBufAllocator alloc, ByteBuf payload) {
        byte[] bytes = ByteBufUtil.getBytes(payload);
        return event(alloc, BINARY, Base64.getEncoder().encodeToString(bytes));
    }

    /** {@code {"code":1000,"reason":"..."}} as a {@code close} event. */
    static ByteBuf close(ByteBufAllocator alloc, int code, String reason) {
        return event(alloc, CLOSE, "{\"code\":" + code + ",\"reason\":\""
                + new String(JsonStringEncoder.getInstance().quoteAsString(reason == null ? "" : reason)) + "\"}");
    }

    /** A comment line: ignored by clients, it keeps proxies from taking the stream for idle. */
    static ByteBuf keepAlive(ByteBufAllocator alloc) {
        return ByteBufUtil.writeAscii(alloc, ": ping\n\n");
    }
}
