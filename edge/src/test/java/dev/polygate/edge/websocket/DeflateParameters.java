package dev.polygate.edge.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of one permessage-deflate offer or answer as the test writes or reads them, and the rules of RFC 7692
 * section 7.1 that the server's answer must keep against the offer it accepted.
 */
record DeflateParameters(Map<String, String> values) {
    static final String NO_VALUE = "";

    /** {@code permessage-deflate; a; b=10} (one element, not a list); values may be quoted. */
    static DeflateParameters parse(String element) {
        String[] parts = element.split(";");
        assertThat(parts[0].trim()).as("extension of '%s'", element).isEqualTo("permessage-deflate");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] nameAndValue = parts[i].split("=", 2);
            String value = nameAndValue.length == 1 ? NO_VALUE : nameAndValue[1].trim().replace("\"", "");
            assertThat(values.put(nameAndValue[0].trim(), value)).as("parameter repeated in '%s'", element).isNull();
        }
        return new DeflateParameters(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int bits(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? 15 : Integer.parseInt(value);
    }

    /** RFC 7692 sections 7.1.1 and 7.1.2: what an answer may and must say about the offer it accepts. */
    static void checkAnswer(DeflateParameters offer, DeflateParameters answer) {
        for (Map.Entry<String, String> parameter : answer.values().entrySet()) {
            String name = parameter.getKey();
            switch (name) {
                case "server_no_context_takeover", "client_no_context_takeover" ->
                        assertThat(parameter.getValue()).as("%s has no value", name).isEqualTo(NO_VALUE);
                case "server_max_window_bits", "client_max_window_bits" -> {
                    assertThat(parameter.getValue()).as("%s in an answer has a value", name).matches("[89]|1[0-5]");
                    if (offer.has(name)) {
                        assertThat(answer.bits(name)).as("%s no larger than offered", name)
                                .isLessThanOrEqualTo(offer.bits(name));
                    }
                }
                default -> throw new AssertionError("unknown parameter '" + name + "' in the answer");
            }
        }
        if (offer.has("server_max_window_bits")) {
            assertThat(answer.has("server_max_window_bits")).as("accepting server_max_window_bits echoes it").isTrue();
        }
        if (!offer.has("client_max_window_bits")) {
            assertThat(answer.has("client_max_window_bits")).as("client_max_window_bits only when offered").isFalse();
        }
    }
}
