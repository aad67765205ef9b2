package dev.polygate.edge.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The gateway's access log file, read back: its lines are written by a background thread, so this waits for one. */
public final class AccessLogFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public AccessLogFile(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The line of the exchange with {@code path} (unique per test), waited for up to ten seconds. */
    public JsonNode line(String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    JsonNode node = JSON.readTree(line);
                    if (path.equals(node.path("path").asText())) {
                        return node;
                    }
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access log line for " + path + " in " + file);
    }
}
