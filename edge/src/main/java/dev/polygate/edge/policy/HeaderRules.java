package dev.polygate.edge.policy;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Map;

/** Header changes applied in a fixed order: remove, then set (replacing), then add (appending). */
record HeaderRules(List<String> remove, Map<String, String> set, Map<String, String> add) {
    HeaderRules {
        remove = List.copyOf(remove);
        set = Map.copyOf(set);
        add = Map.copyOf(add);
    }

    boolean isEmpty() {
        return remove.isEmpty() && set.isEmpty() && add.isEmpty();
    }

    void applyTo(HttpHeaders headers) {
        for (String name : remove) {
            headers.remove(name);
        }
        set.forEach(headers::set);
        add.forEach(headers::add);
    }
}
