package dev.polygate.edge.exchange;

import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import dev.polygate.translators.model.wire.GrpcFrames;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.base64.Base64;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;

/**
 * A gateway error in the protocol the client speaks, judged by its request's content type: a gRPC client
 * gets a trailers-only answer with {@code grpc-status}, a gRPC-Web client the same status in the headers
 * and in a trailer frame, anyone else an {@code application/problem+json} document. So an unknown route or
 * an oversized body reaches a gRPC client as a status it can read, not as an HTTP error page. The error's own
 * headers ({@code WWW-Authenticate}, {@code Retry-After}) go with it in every protocol.
 */
final class ClientProtocolError {
    private ClientProtocolError() {
    }

    static FullHttpResponse render(GatewayException error, String requestContentType, ByteBufAllocator alloc,
                                   HttpVersion version) {
        FullHttpResponse response = inProtocol(error, requestContentType, alloc, version);
        HttpHeaders extra = error.headers();
        for (String name : extra.names()) {
            response.headers().set(name, extra.getAll(name));
        }
        return response;
    }

    private static FullHttpResponse inProtocol(GatewayException error, String requestContentType,
                                               ByteBufAllocator alloc, HttpVersion version) {
        String type = requestContentType == null ? "" : requestContentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/grpc")) {
            return ProblemResponse.render(error, null, alloc, version);
        }
        HttpHeaders status = new DefaultHttpHeaders();
        GrpcStatus grpcStatus = GrpcStatus.of(error);
        if (error.kind() == ErrorKind.NOT_FOUND) {
            // No route: to a gRPC client that is a method nobody implements (as an HTTP 404 maps in gRPC).
            grpcStatus = new GrpcStatus(GrpcStatusCode.UNIMPLEMENTED, grpcStatus.message(), null);
        }
        grpcStatus.writeTo(status);
        FullHttpResponse response;
        if (type.startsWith("application/grpc-web")) {
            boolean text = type.startsWith("application/grpc-web-text");
            ByteBuf frame = GrpcFrames.trailerFrame(alloc, status);
            ByteBuf body = text ? encodeBase64(frame) : frame;
            response = new DefaultFullHttpResponse(version, HttpResponseStatus.OK, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE,
                    text ? "application/grpc-web-text+proto" : "application/grpc-web+proto")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        } else {
            response = new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/grpc");
        }
        response.headers().add(status);
        return response;
    }

    private static ByteBuf encodeBase64(ByteBuf frame) {
        try {
            return Base64.encode(frame, false);
        } finally {
            frame.release();
        }
    }
}
