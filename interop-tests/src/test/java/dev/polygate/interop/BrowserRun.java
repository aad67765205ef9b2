package dev.polygate.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code web-clients/run-browser.mjs}: headless Chromium opens a page from another origin than the
 * gateway's and runs every browser case (connect-web in binary mode, the hand-written client in text mode).
 *
 * @param cases    one result per case: client, mode, rpc, messages (with arrival times in ms), gRPC code
 * @param requests what the page sent the gateway, with content types
 * @param raw      the whole output, for assertion messages
 */
record BrowserRun(List<JsonNode> cases, List<JsonNode> requests, String raw) {

    static BrowserRun against(String gatewayUrl, Path descriptorSet, Path workDir) throws Exception {
        ClientRun run = ClientRun.run(WebClientTools.project(), workDir.resolve("output"),
                Map.of("POLYGATE_CHROMIUM", WebClientTools.chromium().toString()), Duration.ofSeconds(90),
                List.of(WebClientTools.node(), "run-browser.mjs", "--gateway", gatewayUrl,
                        "--descriptors", descriptorSet.toString()));
        if (run.exitCode() != 0) {
            throw new AssertionError("the browser run failed:\n" + run.describe());
        }
        JsonNode output = new ObjectMapper().readTree(run.stdout());
        List<JsonNode> cases = new ArrayList<>();
        output.get("results").forEach(cases::add);
        List<JsonNode> requests = new ArrayList<>();
        output.get("requests").forEach(requests::add);
        return new BrowserRun(cases, requests, run.describe());
    }

    /** The result of one case, by client and rpc. */
    JsonNode result(String client, String rpc) {
        return cases.stream()
                .filter(c -> c.get("client").asText().equals(client) && c.get("rpc").asText().equals(rpc))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no case " + client + " " + rpc + " in:\n" + raw));
    }
}
