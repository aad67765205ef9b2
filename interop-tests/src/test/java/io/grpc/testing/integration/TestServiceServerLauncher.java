package io.grpc.testing.integration;

import java.io.IOException;

/**
 * Runs the interop {@link TestServiceServer} with its own flags, as its {@code main} does, but reports the port it
 * really bound: {@code main} prints the configured one, which is 0 for an ephemeral port. It lives in the
 * server's package because {@code parseArgs}, {@code start} and {@code getPort} are package-private. The server
 * stops when its standard input closes, so it never outlives the test JVM that started it.
 */
public final class TestServiceServerLauncher {
    private TestServiceServerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        TestServiceServer server = new TestServiceServer();
        server.parseArgs(args);
        server.start();
        System.out.println("TestServiceServer listening on port " + server.getPort());
        System.out.flush();
        try {
            while (System.in.read() >= 0) {
                // nothing is sent; only the end of the stream matters
            }
        } catch (IOException e) {
            // the parent went away: stop as well
        }
        server.stop();
        System.exit(0);
    }
}
