package dev.polygate.translators.model.web;

import dev.polygate.spi.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;

/**
 * Which protocol a client speaks on a route that serves several, told by the request's content type: gRPC-Web
 * (and the CORS preflights browsers send before it), native gRPC, or anything else (REST/JSON).
 */
public enum ClientProtocol {
    GRPC_WEB, GRPC, OTHER;

    public static ClientProtocol of(RequestHead head) {
        if (CorsPreflight.isPreflight(head)) {
            return GRPC_WEB; // browsers ask before gRPC-Web calls; the gRPC-Web side answers
        }
        String contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (contentType == null || !contentType.regionMatches(true, 0, "application/grpc", 0, 16)) {
            return OTHER;
        }
        return contentType.regionMatches(true, 16, "-web", 0, 4) ? GRPC_WEB : GRPC;
    }
}
