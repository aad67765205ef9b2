package dev.polygate.translators.soap.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.ExtensionRegistry;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.ProtoFile;
import com.squareup.wire.schema.Schema;
import com.squareup.wire.schema.internal.SchemaEncoder;
import dev.polygate.xml.v1.XmlProto;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printed .proto (of every construct, messages carrying SOAP headers included) compiles back to the very
 * descriptor the compiler built: through Wire (pure Java, always) and through protoc when the protoc binary the proto module's build downloads is in the local Maven repository.
 */
class ProtoSourceRoundTripTest {
    private static final ExtensionRegistry REGISTRY = ExtensionRegistry.newInstance();
    private static CompiledSchema schema;
    private static FileDescriptorProto expected;

    @TempDir
    Path sources;
    @TempDir
    Path imports;

    @BeforeAll
    static void compile() throws Exception {
        XmlProto.registerAllExtensions(REGISTRY);
        schema = TestSchemas.compileShopWithHeaders();
        expected = FileDescriptorProto.parseFrom(schema.file().toProto().toByteString(), REGISTRY);
    }

    @Test
    void wireParsesThePrintedSourceIntoTheSameDescriptor() throws Exception {
        writeSources();
        var loader = new com.squareup.wire.schema.SchemaLoader(okio.FileSystem.SYSTEM);
        loader.setLoadExhaustively(true);
        loader.initRoots(List.of(Location.get(sources.toString())), List.of(Location.get(imports.toString())));
        Schema wire = loader.loadSchema();
        ProtoFile file = wire.protoFile(schema.file().getName());
        FileDescriptorProto parsed = FileDescriptorProto.parseFrom(new SchemaEncoder(wire).encode(file).toByteArray(), REGISTRY);
        // Wire's encoder leaves out json_name and oneof options; everything else must match.
        assertSameFile(withoutWireGaps(parsed), withoutWireGaps(expected));
    }

    @Test
    void protocCompilesThePrintedSourceIntoTheSameDescriptor() throws Exception {
        Optional<Path> protoc = protoc();
        assumeThat(protoc).as("protoc in the local Maven repository").isPresent();
        writeSources();
        Path out = sources.resolve("out.pb");
        Process process = new ProcessBuilder(protoc.get().toString(), "-I" + sources, "-I" + imports,
                "--descriptor_set_out=" + out, schema.file().getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).as("protoc warnings").isEmpty();
        FileDescriptorProto parsed = FileDescriptorSet.parseFrom(Files.readAllBytes(out), REGISTRY).getFile(0);
        assertSameFile(parsed, expected);
    }

    /** Message by message, so that a difference is reported where it is. */
    private static void assertSameFile(FileDescriptorProto actual, FileDescriptorProto wanted) {
        assertThat(actual.getMessageTypeCount()).isEqualTo(wanted.getMessageTypeCount());
        for (int i = 0; i < wanted.getMessageTypeCount(); i++) {
            assertThat(actual.getMessageType(i).toString()).isEqualTo(wanted.getMessageType(i).toString());
        }
        assertThat(actual.getEnumTypeList().toString()).isEqualTo(wanted.getEnumTypeList().toString());
        assertThat(actual.toString()).isEqualTo(wanted.toString());
    }

    private void writeSources() throws Exception {
        Path generated = sources.resolve(schema.file().getName());
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, schema.protoSource());
        for (String name : List.of("polygate/xml/v1/xml.proto", "google/protobuf/descriptor.proto",
                "google/protobuf/struct.proto")) {
            Path target = imports.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
                Files.write(target, in.readAllBytes());
            }
        }
    }

    private static FileDescriptorProto withoutWireGaps(FileDescriptorProto file) {
        FileDescriptorProto.Builder builder = file.toBuilder();
        builder.getMessageTypeBuilderList().forEach(ProtoSourceRoundTripTest::withoutWireGaps);
        return builder.build();
    }

    private static void withoutWireGaps(DescriptorProto.Builder message) {
        message.getFieldBuilderList().forEach(f -> f.clearJsonName());
        message.getOneofDeclBuilderList().forEach(o -> o.clearOptions());
        message.getNestedTypeBuilderList().forEach(ProtoSourceRoundTripTest::withoutWireGaps);
    }

    /** The protoc the proto module's build took from Maven Central, for this machine's OS and CPU. */
    private static Optional<Path> protoc() throws Exception {
        Path dir = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "google", "protobuf", "protoc");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String osName = os.contains("mac") ? "osx" : os.contains("win") ? "windows" : "linux";
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        try (Stream<Path> files = Files.walk(dir)) {
            Optional<Path> found = files.filter(p -> p.getFileName().toString().endsWith(osName + "-" + arch + ".exe"))
                    .sorted().reduce((first, second) -> second);
            found.map(Path::toFile).ifPresent(f -> f.setExecutable(true));
            return found.filter(p -> new File(p.toString()).canExecute());
        }
    }
}
