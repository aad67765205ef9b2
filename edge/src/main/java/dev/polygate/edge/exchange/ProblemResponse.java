package dev.polygate.edge.exchange;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.polygate.spi.GatewayException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Renders a gateway error as an RFC 9457 {@code application/problem+json} response. */
public final class ProblemResponse {
    private ProblemResponse() {
    }

    public static String json(GatewayException error, String instance) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        StringBuilder json = new StringBuilder(160);
        json.append("{\"type\":\"about:blank\",\"title\":\"").append(error.kind().title())
                .append("\",\"status\":").append(error.kind().httpStatus())
                .append(",\"code\":\"").append(error.kind().name()).append('"');
        if (error.detail() != null) {
            json.append(",\"detail\":\"").append(encoder.quoteAsString(error.detail())).append('"');
        }
        if (instance != null) {
            json.append(",\"instance\":\"").append(encoder.quoteAsString(instance)).append('"');
        }
        return json.append('}').toString();
    }

    public static FullHttpResponse render(GatewayException error, String instance, ByteBufAllocator alloc,
                                          HttpVersion version) {
        byte[] bytes = json(error, instance).getBytes(StandardCharsets.UTF_8);
        ByteBuf body = alloc.buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(version,
                HttpResponseStatus.valueOf(error.kind().httpStatus()), body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        return response;
    }
}
