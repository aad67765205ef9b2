package dev.polygate.translators.model.transcoding;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.DynamicMessage;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * REST requests for the KitchenSink test service (every field kind, well-known types, maps, oneofs; body "*", a
 * message field and a repeated field; path variables into nested fields). The input's first line is
 * {@code METHOD path?query}, the rest the body. Finding the binding, building the request and reading the body as
 * a stream of messages each either succeed or give BAD_REQUEST. A request taken for the echo method must print
 * back as JSON that reads as the same message. Any other exception or a difference is a crash.
 */
class JsonRequestFuzzTest {
    private static final RequestTranscoder REQUESTS = new RequestTranscoder(TranscodingOptions.defaults(),
            Fixtures.TYPES);
    private static final ResponseTranscoder RESPONSES = new ResponseTranscoder(TranscodingOptions.defaults(),
            Fixtures.TYPES);

    @FuzzTest(maxDuration = "3s")
    void buildsTheRequestOrAnswersBadRequest(byte[] input) {
        int newline = indexOf(input, (byte) '\n');
        String requestLine = new String(input, 0, newline < 0 ? input.length : newline, StandardCharsets.UTF_8);
        byte[] body = newline < 0 ? new byte[0] : Arrays.copyOfRange(input, newline + 1, input.length);
        int space = requestLine.indexOf(' ');
        String method = space < 0 ? "POST" : requestLine.substring(0, space);
        String target = space < 0 ? requestLine : requestLine.substring(space + 1);
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);

        RuleLookup lookup = badRequestOr(() -> Fixtures.INDEX.lookup(method, path));
        if (!(lookup instanceof RuleLookup.Found found)) {
            return;
        }
        RuleMatch match = found.match();
        java.util.Map<String, java.util.List<String>> parameters;
        try {
            parameters = Fixtures.query(query);
        } catch (IllegalArgumentException e) {
            return; // the test's own query decoding refused it; the gateway's HTTP layer decodes queries
        }
        DynamicMessage request = badRequestOr(() -> REQUESTS.request(match, parameters, body));
        badRequestOr(() -> REQUESTS.streamingRequests(match, parameters, body));
        if (request != null && match.method().getName().equals("Echo")
                && match.binding().responseBodyField().isEmpty()) {
            byte[] printed = RESPONSES.response(match, request);
            RuleMatch echo = ((RuleLookup.Found) Fixtures.INDEX.lookup("POST", "/v1/everything:echo")).match();
            DynamicMessage again = REQUESTS.request(echo, java.util.Map.of(), printed);
            assertThat(again).as("printed as %s", new String(printed, StandardCharsets.UTF_8)).isEqualTo(request);
        }
    }

    private static <T> T badRequestOr(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (GatewayException e) {
            assertThat(e.kind()).as(e.detail()).isEqualTo(ErrorKind.BAD_REQUEST);
            return null;
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
