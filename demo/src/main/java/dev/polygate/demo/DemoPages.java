package dev.polygate.demo;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The demo's browser page under {@code /demo/}: a fixed set of files read once from the jar, so that no request
 * path ever reaches the class loader.
 */
final class DemoPages {
    private static final String ROOT = "/dev/polygate/demo/web/";
    private static final Map<String, Page> PAGES = Map.of(
            "/demo/", load("index.html", "text/html; charset=utf-8"),
            "/demo/grpc-web.js", load("grpc-web.js", "text/javascript; charset=utf-8"),
            "/demo/websocket.js", load("websocket.js", "text/javascript; charset=utf-8"));

    private record Page(byte[] bytes, String contentType) {
    }

    private DemoPages() {
    }

    static boolean covers(String path) {
        return path.equals("/demo") || path.startsWith("/demo/");
    }

    /** The answer for a path under {@code /demo}: a page, a redirect to the directory, or 404. */
    static FullHttpResponse answer(String path) {
        if (path.equals("/demo")) {
            // Relative URLs in the page resolve against the directory, so it is only served with the slash.
            FullHttpResponse redirect = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.MOVED_PERMANENTLY, Unpooled.EMPTY_BUFFER);
            redirect.headers().set(HttpHeaderNames.LOCATION, "/demo/").setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            return redirect;
        }
        Page page = PAGES.get(path);
        if (page == null) {
            byte[] missing = "not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                    Unpooled.wrappedBuffer(missing));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, missing.length);
            return response;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(page.bytes()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                // Everything the page needs comes from this origin; nothing else may run or be fetched.
                .set("content-security-policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
                .set("x-content-type-options", "nosniff")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, page.bytes().length);
        return response;
    }

    private static Page load(String file, String contentType) {
        try (InputStream in = DemoPages.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("the demo page " + file + " is missing from the jar");
            }
            return new Page(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
