package dev.polygate.edge.docs;

import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.ResponseSink;
import dev.polygate.spi.Translator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves another route's API documents: a GET whose path ends with a document's name gets that document,
 * a GET whose path ends with a slash gets the list of names; anything else is 404. Works with or without
 * prefix stripping, since only the end of the path is looked at.
 */
final class ApiDocsTranslator implements Translator {
    private final String route;
    private final Supplier<List<ApiDocument>> documents;

    ApiDocsTranslator(String route, Supplier<List<ApiDocument>> documents) {
        this.route = route;
        this.documents = documents;
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.requestBody().discard();
        String method = exchange.request().method();
        boolean head = method.equals("HEAD");
        if (!head && !method.equals("GET")) {
            exchange.response().sendError(new GatewayException(ErrorKind.NOT_FOUND,
                    "API documents are read with GET"));
            return;
        }
        String path = exchange.request().path();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        List<ApiDocument> available = documents.get();
        if (path.endsWith("/")) {
            send(exchange.response(), "application/json",
                    DocumentIndex.json(route, available).getBytes(StandardCharsets.UTF_8), head);
            return;
        }
        Optional<ApiDocument> document = DocumentIndex.byPathSuffix(available, path);
        if (document.isEmpty()) {
            exchange.response().sendError(new GatewayException(ErrorKind.NOT_FOUND,
                    "no API document of route " + route + " at " + path));
            return;
        }
        send(exchange.response(), document.get().contentType(), document.get().content().get(), head);
    }

    private static void send(ResponseSink sink, String contentType, byte[] body, boolean head) {
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                // a refresh may change the documents: clients revalidate rather than keep stale copies
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        sink.sendHead(new ResponseHead(200, headers));
        if (!head) {
            sink.sendData(Unpooled.wrappedBuffer(body));
        }
        sink.sendEnd(EmptyHttpHeaders.INSTANCE);
    }
}
