package dev.polygate.policies.auth.apikey;

import dev.polygate.policies.auth.QueryParameters;
import dev.polygate.policies.auth.RequestCookies;
import dev.polygate.spi.RequestHead;
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

    /** A query parameter (see {@link QueryParameters}). */
    record Query(String name) implements ApiKeySource {
        @Override
        public List<String> values(RequestHead head) {
            return QueryParameters.values(head.path(), name);
        }

        @Override
        public RequestHead without(RequestHead head) {
            String path = QueryParameters.without(head.path(), name);
            return path.equals(head.path()) ? head : head.withPath(path);
        }

        @Override
        public String describe() {
            return "in=\"query\", name=\"" + name + "\"";
        }
    }

    /** A cookie (see {@link RequestCookies}). */
    record Cookie(String name) implements ApiKeySource {
        @Override
        public List<String> values(RequestHead head) {
            return RequestCookies.values(head.headers(), name);
        }

        @Override
        public RequestHead without(RequestHead head) {
            RequestCookies.remove(head.headers(), name);
            return head;
        }

        @Override
        public String describe() {
            return "in=\"cookie\", name=\"" + name + "\"";
        }
    }
}
