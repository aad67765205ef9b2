package dev.polygate.edge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.polygate.spi.BodySubscriber;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.GatewayException;
import dev.polygate.spi.ResponseHead;
import dev.polygate.spi.Translator;
import dev.polygate.spi.TranslatorContext;
import dev.polygate.spi.TranslatorFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * A translator for edge tests: answers with a JSON line describing what the gateway handed it (route, method,
 * path, protocol, client certificate), followed by the request body as it streams in. It exercises the edge
 * without any backend.
 */
public final class EchoTranslatorFactory implements TranslatorFactory {
    @Override
    public String name() {
        return "test-echo";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) {
        return EchoTranslatorFactory::echo;
    }

    private static void echo(Exchange exchange) {
        var head = exchange.request();
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set("content-type", "application/x-ndjson");
        headers.set("x-route", exchange.routeName());
        exchange.response().sendHead(new ResponseHead(200, headers));
        String subject = exchange.client().peerSubject();
        String line = "{\"route\":\"" + exchange.routeName() + "\",\"method\":\"" + head.method() + "\",\"path\":\""
                + head.path() + "\",\"protocol\":\"" + exchange.client().protocol() + "\",\"authority\":\""
                + head.authority() + "\",\"sni\":\"" + exchange.client().serverName() + "\",\"client\":"
                + (subject == null ? "null" : "\"" + subject + "\"") + "}\n";
        exchange.response().sendData(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
        exchange.requestBody().subscribe(new BodySubscriber() {
            @Override
            public void onData(ByteBuf chunk) {
                exchange.response().sendData(chunk);
            }

            @Override
            public void onEnd(HttpHeaders trailers) {
                exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
            }

            @Override
            public void onError(GatewayException error) {
                exchange.response().sendError(error);
            }
        });
    }
}
