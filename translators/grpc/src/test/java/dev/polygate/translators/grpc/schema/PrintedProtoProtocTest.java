package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.polygate.demo.greeter.v1.HelloRequest;
import dev.polygate.test.v1.KitchenSinkProto;
import dev.polygate.test.v1.LibraryProto;
import dev.polygate.translators.model.protosource.ProtoSourcePrinter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Printed .proto files compile with protoc into the descriptors they came from. Uses the protoc the proto
 * module's build fetched into the local Maven repository; skipped where there is none.
 */
class PrintedProtoProtocTest {
    @TempDir
    Path dir;
    private Path protoc;
    private Path includes;

    @BeforeEach
    void findProtoc() throws IOException {
        Path versions = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "protobuf",
                "protoc");
        Path found = null;
        if (Files.isDirectory(versions) && System.getProperty("os.name").toLowerCase().contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64")) {
            try (Stream<Path> files = Files.walk(versions, 2)) {
                found = files.filter(f -> f.getFileName().toString().endsWith("-linux-x86_64.exe")).findFirst()
                        .orElse(null);
            }
        }
        Assumptions.assumeTrue(found != null, "no protoc in the local Maven repository");
        protoc = dir.resolve("protoc");
        Files.copy(found, protoc); // a private copy: the repository's file need not be executable
        assertThat(protoc.toFile().setExecutable(true)).isTrue();
        includes = Files.createDirectories(dir.resolve("includes"));
    }

    @Test
    void testServicesCompileBackIntoTheirDescriptors() throws Exception {
        List<FileDescriptor> files = List.of(LibraryProto.getDescriptor(), KitchenSinkProto.getDescriptor(),
                HelloRequest.getDescriptor().getFile());
        Path printed = Files.createDirectories(dir.resolve("printed"));
        for (FileDescriptor file : files) {
            write(printed, file);
        }
        Map<String, FileDescriptorProto> compiled = protoc(printed, files.stream().map(FileDescriptor::getName).toList());
        for (FileDescriptor file : files) {
            assertThat(PrintedProtoRoundTripTest.normalized(compiled.get(file.getName())))
                    .as(ProtoSourcePrinter.print(file))
                    .isEqualTo(PrintedProtoRoundTripTest.normalized(file.toProto()));
        }
    }

    @Test
    void proto2GroupsDefaultsExtensionsAndReservedRangesRoundTrip() throws Exception {
        Path fixtures = Path.of(getClass().getResource("printed/legacy/v1/legacy.proto").toURI()).getParent()
                .getParent().getParent();
        List<String> names = List.of("legacy/v1/legacy.proto", "legacy/v1/groups.proto", "legacy/v1/options.proto");
        Map<String, FileDescriptorProto> original = protoc(fixtures, names);
        List<FileDescriptor> linked = DescriptorLinker.link(new ArrayList<>(original.values()), "protoc's output");
        Path printed = Files.createDirectories(dir.resolve("printed"));
        for (FileDescriptor file : linked) {
            write(printed, file);
        }
        String legacy = Files.readString(printed.resolve("legacy/v1/legacy.proto"));
        assertThat(legacy).contains("// Customers, the old way.").contains("reserved 5 to 9, 20;")
                .contains("reserved 30, 40 to 49;").contains("reserved \"legacy_id\";")
                .contains("[default = \"\\001\\377\"]").contains("extend .legacy.v1.Customer {");
        assertThat(Files.readString(printed.resolve("legacy/v1/groups.proto")))
                .contains("optional group Address = 1 {").contains("repeated group Line = 3 {");
        Map<String, FileDescriptorProto> again = protoc(printed, names);
        for (String name : names) {
            assertThat(again.get(name).toBuilder().clearSourceCodeInfo().build()).as(name)
                    .isEqualTo(original.get(name).toBuilder().clearSourceCodeInfo().build());
        }
    }

    /** Writes the file and its imports: user files printed, google/* files from the classpath. */
    private void write(Path root, FileDescriptor file) throws IOException {
        if (file.getName().startsWith("google/")) {
            Path target = includes.resolve(file.getName());
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try (InputStream in = getClass().getClassLoader().getResourceAsStream(file.getName())) {
                    assertThat(in).as(file.getName() + " on the classpath").isNotNull();
                    Files.copy(in, target);
                }
            }
        } else {
            Path target = root.resolve(file.getName());
            Files.createDirectories(target.getParent());
            Files.writeString(target, ProtoSourcePrinter.print(file));
        }
        for (FileDescriptor dependency : file.getDependencies()) {
            write(root, dependency);
        }
    }

    private Map<String, FileDescriptorProto> protoc(Path root, List<String> files) throws Exception {
        // the fixtures' google imports; the printed files bring theirs along
        write(root, com.google.protobuf.DescriptorProtos.getDescriptor());
        write(root, com.google.protobuf.DurationProto.getDescriptor());
        Path out = Files.createTempFile(dir, "set", ".pb");
        List<String> command = new ArrayList<>(List.of(protoc.toString(), "-I" + root, "-I" + includes,
                "--include_imports", "--include_source_info", "--descriptor_set_out=" + out));
        command.addAll(files);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("protoc: " + output).isZero();
        Map<String, FileDescriptorProto> byName = new HashMap<>();
        for (FileDescriptorProto file : FileDescriptorSet.parseFrom(Files.readAllBytes(out)).getFileList()) {
            byName.put(file.getName(), file);
        }
        return byName;
    }
}
