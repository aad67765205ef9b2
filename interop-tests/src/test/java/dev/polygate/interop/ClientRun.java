package dev.polygate.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an outside client program: its exit code and what it printed. Output goes to files rather than
 * pipes, so a chatty client can never block on a full pipe while the test waits for it to exit.
 *
 * @param command what ran, for messages
 */
record ClientRun(List<String> command, int exitCode, String stdout, String stderr) {

    /** Runs {@code command} in {@code directory} with {@code environment} added, killing it after {@code limit}. */
    static ClientRun run(Path directory, Path outputDir, Map<String, String> environment, Duration limit,
                         List<String> command) throws IOException, InterruptedException {
        Files.createDirectories(outputDir);
        Path out = Files.createTempFile(outputDir, "stdout-", ".txt");
        Path err = Files.createTempFile(outputDir, "stderr-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("still running after " + limit + ": " + String.join(" ", command)
                    + "\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        return new ClientRun(List.copyOf(command), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** For assertion messages: the command and everything it printed. */
    String describe() {
        return String.join(" ", command) + "\nexit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
