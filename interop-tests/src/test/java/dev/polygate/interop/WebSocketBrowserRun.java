package dev.polygate.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of {@code web-clients/run-websocket-browser.mjs}: headless Chromium loads the WebSocket cases' page from
 * each of the gateway's origins and runs the cases against that same origin.
 *
 * @param runs per origin label: the protocol the page came by ({@code pageProtocol}) and the cases' results
 * @param raw  the whole output, for assertion messages
 */
record WebSocketBrowserRun(Map<String, JsonNode> runs, String raw) {

    /**
     * Writes the page into {@code pageDir} (which the gateway's page backend serves) and runs it from every origin of
     * {@code origins} (label to origin); Chromium accepts the certificates issued by the CA in {@code trustedCa}.
     */
    static WebSocketBrowserRun run(Path pageDir, Path trustedCa, Map<String, String> origins, Path workDir)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(WebClientTools.node(), "run-websocket-browser.mjs",
                "--page-dir", pageDir.toString(), "--spki", spkiHash(trustedCa)));
        origins.forEach((label, origin) -> command.addAll(List.of("--origin", label + "=" + origin)));
        ClientRun run = ClientRun.run(WebClientTools.project(), workDir.resolve("output"),
                Map.of("POLYGATE_CHROMIUM", WebClientTools.chromium().toString()), Duration.ofSeconds(90), command);
        if (run.exitCode() != 0) {
            throw new AssertionError("the browser run failed:\n" + run.describe());
        }
        Map<String, JsonNode> runs = new LinkedHashMap<>();
        new ObjectMapper().readTree(run.stdout()).get("runs").forEach(r -> runs.put(r.get("label").asText(), r));
        return new WebSocketBrowserRun(runs, run.describe());
    }

    /**
     * The base64 SHA-256 of the certificate's public key, the form of Chromium's
     * {@code --ignore-certificate-errors-spki-list}: a chain holding that key is accepted, no other.
     */
    private static String spkiHash(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            byte[] spki = CertificateFactory.getInstance("X.509").generateCertificate(in).getPublicKey().getEncoded();
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the gateway's development CA " + certificate, e);
        }
    }

    /** How the page of the origin labelled {@code label} came, as Chromium reports it: {@code h2}, {@code http/1.1}. */
    String pageProtocol(String label) {
        return run(label).path("pageProtocol").asText();
    }

    /** The result of the case {@code name} on the origin labelled {@code label}. */
    JsonNode result(String label, String name) {
        for (JsonNode result : run(label).get("results")) {
            if (result.path("case").asText().equals(name)) {
                return result;
            }
        }
        throw new AssertionError("no case " + name + " for " + label + " in:\n" + raw);
    }

    private JsonNode run(String label) {
        JsonNode run = runs.get(label);
        if (run == null) {
            throw new AssertionError("no run for " + label + " in:\n" + raw);
        }
        return run;
    }
}
