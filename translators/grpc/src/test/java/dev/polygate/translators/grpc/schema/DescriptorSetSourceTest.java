package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DurationProto;
import com.google.api.AnnotationsProto;
import dev.polygate.spi.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorSetSourceTest {
    @TempDir
    Path dir;

    @Test
    void setWithImportsKeepsHttpRules() throws Exception {
        SchemaRegistry registry = load(write("all.pb", GreeterFixtures.descriptorSetBytes()));

        GreeterFixtures.assertHttpRulesKept(registry);
        assertThat(registry.service(GreeterFixtures.SERVICE)).isPresent();
        // Well-known and google/api files are the gateway's compiled-in ones, whatever the set carries.
        var greeter = registry.fileByName(GreeterFixtures.FILE).orElseThrow();
        assertThat(greeter.getDependencies()).contains(AnnotationsProto.getDescriptor(), DurationProto.getDescriptor());
    }

    @Test
    void setWithoutImportsResolvesGoogleFilesFromTheClasspath() throws Exception {
        FileDescriptorSet onlyGreeter = FileDescriptorSet.newBuilder()
                .addAllFile(GreeterFixtures.descriptorSet().getFileList().stream()
                        .filter(f -> !f.getName().startsWith("google/")).toList())
                .build();
        assertThat(onlyGreeter.getFileList()).extracting(FileDescriptorProto::getName).contains(GreeterFixtures.FILE)
                .noneMatch(name -> name.startsWith("google/"));

        SchemaRegistry registry = load(write("greeter.pb", onlyGreeter.toByteArray()));

        GreeterFixtures.assertHttpRulesKept(registry);
        assertThat(registry.fileByName("google/api/http.proto")).isPresent();
        assertThat(registry.fileContainingSymbol("google.protobuf.Duration"))
                .contains(DurationProto.getDescriptor());
    }

    @Test
    void missingUserImportIsNamed() throws Exception {
        FileDescriptorSet set = FileDescriptorSet.newBuilder().addFile(FileDescriptorProto.newBuilder()
                .setName("shop/v1/shop.proto").setPackage("shop.v1").addDependency("shop/v1/money.proto")).build();

        assertThatThrownBy(() -> load(write("shop.pb", set.toByteArray())))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException.Problem problem = ((ConfigException) e).problems().get(0);
                    assertThat(problem.path()).isEqualTo("descriptorSets[0]");
                    assertThat(problem.message()).contains("shop/v1/money.proto", "imported by shop/v1/shop.proto",
                            "--include_imports");
                });
    }

    @Test
    void protoSourceGivenAsDescriptorSetIsExplained() throws Exception {
        Path source = write("greeter.proto", GreeterFixtures.resource(GreeterFixtures.FILE));

        assertThatThrownBy(() -> load(source))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("descriptorSets[0]")
                .hasMessageContaining("list it under protos.files");
    }

    @Test
    void invalidDescriptorIsReportedWithItsFile() throws Exception {
        FileDescriptorSet set = FileDescriptorSet.newBuilder().addFile(FileDescriptorProto.newBuilder()
                .setName("bad.proto").setPackage("bad")
                .addMessageType(com.google.protobuf.DescriptorProtos.DescriptorProto.newBuilder().setName("M")
                        .addField(com.google.protobuf.DescriptorProtos.FieldDescriptorProto.newBuilder()
                                .setName("x").setNumber(1).setTypeName(".bad.Nope")
                                .setLabel(com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label.LABEL_OPTIONAL))))
                .build();

        assertThatThrownBy(() -> load(write("bad.pb", set.toByteArray())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.proto")
                .hasMessageContaining("bad.Nope");
    }

    private SchemaRegistry load(Path set) throws ConfigException {
        return SchemaLoader.load(new SchemaConfig(List.of(set), List.of(), List.of(), false, Duration.ofSeconds(1)), null);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}
