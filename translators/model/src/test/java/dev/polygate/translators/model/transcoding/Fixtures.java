package dev.polygate.translators.model.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors;
import com.google.protobuf.TypeRegistry;
import dev.polygate.spi.ConfigException;
import dev.polygate.test.v1.KitchenSinkProto;
import dev.polygate.test.v1.LibraryProto;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The test services, their index, and small helpers shared by the tests. */
final class Fixtures {

    static final Descriptors.ServiceDescriptor LIBRARY = LibraryProto.getDescriptor().findServiceByName("Library");
    static final Descriptors.ServiceDescriptor KITCHEN = KitchenSinkProto.getDescriptor().findServiceByName("KitchenSink");
    static final TypeRegistry TYPES = TypeRegistry.newBuilder()
            .add(LibraryProto.getDescriptor().getMessageTypes())
            .add(KitchenSinkProto.getDescriptor().getMessageTypes())
            .build();
    static final HttpRuleIndex INDEX = build();

    private Fixtures() {
    }

    private static HttpRuleIndex build() {
        try {
            return HttpRuleIndex.build(List.of(LIBRARY, KITCHEN));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** The match of a request that must be found. */
    static RuleMatch match(String method, String path) {
        RuleLookup lookup = INDEX.lookup(method, path);
        assertThat(lookup).as(method + " " + path).isInstanceOf(RuleLookup.Found.class);
        return ((RuleLookup.Found) lookup).match();
    }

    /** A query string decoded the way an HTTP server hands it over: name → values in order. */
    static Map<String, List<String>> query(String queryString) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (queryString.isEmpty()) {
            return params;
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
