package dev.polygate.spi;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A document describing the API a route serves, such as its OpenAPI document or the .proto files of its
 * services, as the admin API and the {@code api-docs} translator serve it.
 *
 * @param name        the document's name, unique within its route, relative and slash-separated:
 *                    {@code openapi.json}, {@code demo/greeter/v1/greeter.proto}
 * @param contentType the media type it is served with, e.g. {@code application/json}
 * @param content     produces the bytes; called on an event loop each time the document is served, so it
 *                    must be quick (compute once and keep the bytes) and must not block
 */
public record ApiDocument(String name, String contentType, Supplier<byte[]> content) {
    public ApiDocument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        if (name.isEmpty() || name.startsWith("/") || name.contains("..")) {
            throw new IllegalArgumentException("a document name is a relative path: " + name);
        }
    }
}
