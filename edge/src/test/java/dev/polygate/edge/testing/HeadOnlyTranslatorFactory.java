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
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * A translator for edge tests that answers like a gRPC server refusing a call: once the request body has ended,
 * a head carrying {@code grpc-status} and the end, with no body and no trailers, in the same task.
 */
public final class HeadOnlyTranslatorFactory implements TranslatorFactory {
    @Override
    public String name() {
        return "test-head-only";
    }

    @Override
    public Translator create(JsonNode config, TranslatorContext context) {
        return HeadOnlyTranslatorFactory::answer;
    }

    private static void answer(Exchange exchange) {
        exchange.requestBody().subscribe(new BodySubscriber() {
            @Override
            public void onData(ByteBuf chunk) {
                chunk.release();
            }

            @Override
            public void onEnd(HttpHeaders trailers) {
                HttpHeaders headers = new DefaultHttpHeaders();
                headers.set("content-type", "application/grpc");
                headers.set("grpc-status", "12");
                exchange.response().sendHead(new ResponseHead(200, headers));
                exchange.response().sendEnd(EmptyHttpHeaders.INSTANCE);
            }

            @Override
            public void onError(GatewayException error) {
                exchange.response().sendError(error);
            }
        });
    }
}
