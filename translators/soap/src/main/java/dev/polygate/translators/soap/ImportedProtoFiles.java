package dev.polygate.translators.soap;

import com.google.protobuf.Descriptors.FileDescriptor;
import dev.polygate.spi.ApiDocument;
import dev.polygate.translators.model.protosource.ProtoSourcePrinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The well-known files ({@code google/api/annotations.proto}, {@code google/protobuf/empty.proto}, ...) that a SOAP
 * route's .proto files import, served beside them so that {@code protoc} compiles the served set as it is. Each is
 * the source its library ships on the class path (the one the gateway's descriptors were built from), else the
 * source printed from its descriptor. Read once, when the route is built, since documents are served on event loops.
 */
final class ImportedProtoFiles {
    private static final String WELL_KNOWN = "google/";

    private ImportedProtoFiles() {
    }

    /** A document for every well-known file {@code file} imports, directly or not. */
    static List<ApiDocument> of(FileDescriptor file) {
        Set<FileDescriptor> wellKnown = new LinkedHashSet<>();
        Set<FileDescriptor> seen = new LinkedHashSet<>();
        Deque<FileDescriptor> pending = new ArrayDeque<>(List.of(file));
        while (!pending.isEmpty()) {
            FileDescriptor next = pending.pop();
            if (seen.add(next)) {
                if (next.getName().startsWith(WELL_KNOWN)) {
                    wellKnown.add(next);
                }
                pending.addAll(next.getDependencies());
            }
        }
        List<ApiDocument> documents = new ArrayList<>();
        for (FileDescriptor imported : wellKnown) {
            byte[] source = source(imported);
            documents.add(new ApiDocument(imported.getName(), "text/plain; charset=utf-8", source::clone));
        }
        return documents;
    }

    private static byte[] source(FileDescriptor file) {
        try (InputStream in = ImportedProtoFiles.class.getClassLoader().getResourceAsStream(file.getName())) {
            return in != null ? in.readAllBytes() : ProtoSourcePrinter.print(file).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.getName() + " from the class path", e);
        }
    }
}
