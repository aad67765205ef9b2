package dev.polygate.edge.backpressure;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/** What a client received of a body: its size and CRC-32C, to compare with what the backend sent. */
record Received(long size, long crc) {
    static Received readAll(InputStream body) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        int n;
        while ((n = body.read(buffer)) >= 0) {
            crc.update(buffer, 0, n);
            size += n;
        }
        return new Received(size, crc.getValue());
    }
}
