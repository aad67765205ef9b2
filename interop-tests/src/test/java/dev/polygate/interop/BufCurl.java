package dev.polygate.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code buf curl} from the npm package {@code @bufbuild/buf}, pointed at the gateway. Its cache goes to the test's
 * directory, not the user's home.
 */
final class BufCurl {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final Path workDir;

    BufCurl(String baseUrl, Path workDir) {
        this.baseUrl = baseUrl;
        this.workDir = workDir;
    }

    /** Where the schema comes from, which also decides the HTTP version of a gRPC-Web call. */
    enum Schema {
        /**
         * The gateway's reflection service. Reflection is a bidirectional stream, so buf speaks HTTP/2 (h2c by
         * prior knowledge) for it and for the call, in the protocol of the call.
         */
        REFLECTION,
        /** The descriptor set file, no reflection: the gRPC-Web call goes over HTTP/1.1, as a browser's would. */
        DESCRIPTOR_SET;

        List<String> flags(Path descriptorSet) {
            return switch (this) {
                case REFLECTION -> List.of();
                // buf reads a FileDescriptorSet as a binary image when told its format.
                case DESCRIPTOR_SET -> List.of("--reflect=false", "--schema", descriptorSet + "#format=binpb");
            };
        }
    }

    /** Calls {@code service/method} with a JSON request. */
    ClientRun call(String protocol, List<String> schemaFlags, String method, String jsonRequest) throws Exception {
        List<String> args = new ArrayList<>(List.of("--protocol", protocol));
        args.addAll(schemaFlags);
        args.addAll(List.of("-d", jsonRequest, baseUrl + "/" + method));
        return run(args);
    }

    /** {@code --list-services} or {@code --list-methods} by reflection. */
    ClientRun list(String what, String protocol, String reflectProtocol) throws Exception {
        return run(List.of("--protocol", protocol, "--http2-prior-knowledge", "--reflect-protocol", reflectProtocol,
                "--list-" + what, baseUrl));
    }

    private ClientRun run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(WebClientTools.buf().toString(), "curl"));
        command.addAll(args);
        return ClientRun.run(workDir, workDir.resolve("output"),
                Map.of("BUF_CACHE_DIR", workDir.resolve("buf-cache").toString()), Duration.ofSeconds(30), command);
    }

    /** buf prints each response message as a JSON object, one after the other. */
    static List<JsonNode> messages(String output) throws IOException {
        List<JsonNode> messages = new ArrayList<>();
        try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(output)) {
            while (values.hasNext()) {
                messages.add(values.next());
            }
        }
        return messages;
    }

    static List<String> lines(String output) {
        return output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList();
    }
}
