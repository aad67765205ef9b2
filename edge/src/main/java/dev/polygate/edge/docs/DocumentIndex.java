package dev.polygate.edge.docs;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.polygate.spi.ApiDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finding a document by name, and the JSON lists of document names the admin API and docs paths answer. */
public final class DocumentIndex {
    private DocumentIndex() {
    }

    /** The document whose name the path ends with (after a slash), the longest such name winning. */
    public static Optional<ApiDocument> byPathSuffix(List<ApiDocument> documents, String path) {
        ApiDocument best = null;
        for (ApiDocument document : documents) {
            if ((path.endsWith("/" + document.name()) || path.equals(document.name()))
                    && (best == null || document.name().length() > best.name().length())) {
                best = document;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code {"route":[names...],...}}. */
    public static String json(Map<String, List<ApiDocument>> byRoute) {
        StringBuilder json = new StringBuilder("{");
        byRoute.forEach((route, documents) -> {
            json.append(json.length() == 1 ? "" : ",").append(quote(route)).append(":");
            names(json, documents);
        });
        return json.append('}').toString();
    }

    /** {@code {"route":"name","documents":[names...]}}. */
    static String json(String route, List<ApiDocument> documents) {
        StringBuilder json = new StringBuilder("{\"route\":").append(quote(route)).append(",\"documents\":");
        names(json, documents);
        return json.append('}').toString();
    }

    private static void names(StringBuilder json, List<ApiDocument> documents) {
        json.append('[');
        for (int i = 0; i < documents.size(); i++) {
            json.append(i == 0 ? "" : ",").append(quote(documents.get(i).name()));
        }
        json.append(']');
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
