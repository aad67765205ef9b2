package dev.polygate.translators.soap;

import dev.polygate.spi.ApiDocument;
import dev.polygate.spi.Exchange;
import dev.polygate.spi.Translator;
import dev.polygate.translators.grpc.rest.RestIngress;
import java.util.List;

/**
 * The soap translator of one route: REST/JSON calls are matched to the port's operations by their HTTP rules
 * and carried to the SOAP backend as envelopes; the route also serves the API's OpenAPI document and .proto.
 */
final class SoapTranslator implements Translator {
    private final RestIngress rest;
    private final Translator backend;
    private final List<ApiDocument> documents;

    SoapTranslator(RestIngress rest, Translator backend, List<ApiDocument> documents) {
        this.rest = rest;
        this.backend = backend;
        this.documents = documents;
    }

    @Override
    public void handle(Exchange exchange) {
        rest.handle(exchange);
    }

    @Override
    public List<ApiDocument> documents() {
        return documents;
    }

    @Override
    public void close() {
        backend.close();
    }
}
