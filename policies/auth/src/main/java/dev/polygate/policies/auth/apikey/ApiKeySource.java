package dev.polygate.policies.auth.apikey;

import dev.polygate.spi.RequestHead;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Where a request carries its API key: a header, a query parameter or a cookie, each under one name. */
sealed interface ApiKeySource {

    /** Every value the request carries under this source's name, in order: empty when none. */
    List<String> values(RequestHead head);

    /** The head without any value under this source's name. */
    RequestHead without(RequestHead head);

    /** How a client is told where to put the key, as auth-params of the challenge. */
    String describe();

    record Header(String name) implements ApiKeySource {
        @Override
        public List<String> values(RequestHead head) {
            return head.headers().getAll(name);
        }

        @Override
        public RequestHead without(RequestHead head) {
            head.headers().remove(name);
            return head;
        }

        @Override
        public String describe() {
            return "in=\"header\", name=\"" + name + "\"";
        }
    }

    /**
     * A query parameter, names compared after percent-decoding (so {@code api%5Fkey} is {@code api_key} too, as the
     * backend would read it); parameters are separated by {@code &}.
     */
    record Query(String name) implements ApiKeySource {
        @Override
        public List<String> values(RequestHead head) {
            List<String> values = new ArrayList<>(1);
            String query = query(head.path());
            if (query == null) {
                return values;
            }
            for (String pair : query.split("&", -1)) {
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                if (key.equals(name)) {
                    values.add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
                }
            }
            return values;
        }

        @Override
        public RequestHead without(RequestHead head) {
            String path = head.path();
            String query = query(path);
            if (query == null) {
                return head;
            }
            List<String> kept = new ArrayList<>();
            for (String pair : query.split("&", -1)) {
                int equals = pair.indexOf('=');
                if (!decode(equals < 0 ? pair : pair.substring(0, equals)).equals(name)) {
                    kept.add(pair);
                }
            }
            String bare = path.substring(0, path.indexOf('?'));
            return head.withPath(kept.isEmpty() ? bare : bare + "?" + String.join("&", kept));
        }

        @Override
        public String describe() {
            return "in=\"query\", name=\"" + name + "\"";
        }

        private static String query(String path) {
            int mark = path.indexOf('?');
            return mark < 0 ? null : path.substring(mark + 1);
        }

        private static String decode(String component) {
            try {
                return QueryStringDecoder.decodeComponent(component, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return component; // a stray % decodes to nothing else, as backends that tolerate it read it
            }
        }
    }

    /** A cookie, from every {@code Cookie} header (HTTP/2 clients send one per cookie). */
    record Cookie(String name) implements ApiKeySource {
        @Override
        public List<String> values(RequestHead head) {
            List<String> values = new ArrayList<>(1);
            for (String header : head.headers().getAll(HttpHeaderNames.COOKIE)) {
                for (String crumb : header.split(";")) {
                    int equals = crumb.indexOf('=');
                    if (equals > 0 && crumb.substring(0, equals).trim().equals(name)) {
                        values.add(unquote(crumb.substring(equals + 1).trim()));
                    }
                }
            }
            return values;
        }

        @Override
        public RequestHead without(RequestHead head) {
            HttpHeaders headers = head.headers();
            List<String> rewritten = new ArrayList<>();
            for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
                List<String> kept = new ArrayList<>();
                for (String crumb : header.split(";")) {
                    int equals = crumb.indexOf('=');
                    if (!(equals > 0 && crumb.substring(0, equals).trim().equals(name)) && !crumb.isBlank()) {
                        kept.add(crumb.trim());
                    }
                }
                if (!kept.isEmpty()) {
                    rewritten.add(String.join("; ", kept));
                }
            }
            headers.remove(HttpHeaderNames.COOKIE);
            rewritten.forEach(value -> headers.add(HttpHeaderNames.COOKIE, value));
            return head;
        }

        @Override
        public String describe() {
            return "in=\"cookie\", name=\"" + name + "\"";
        }

        private static String unquote(String value) {
            return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? value.substring(1, value.length() - 1) : value;
        }
    }
}
