package dev.polygate.wsdl.hosting;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the body of every POST to a context exactly as it arrived, before the SOAP stack parses it, so a test
 * can see what a client really sent (an element left out, empty, or nil). The stack then reads the same bytes.
 */
public final class RequestRecorder extends Filter {
    private final List<String> bodies = new ArrayList<>();

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if ("POST".equals(exchange.getRequestMethod())) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (bodies) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.setStreams(new ByteArrayInputStream(body), null);
        }
        chain.doFilter(exchange);
    }

    /** The request bodies received so far, oldest first. */
    public List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    @Override
    public String description() {
        return "records request bodies";
    }
}
