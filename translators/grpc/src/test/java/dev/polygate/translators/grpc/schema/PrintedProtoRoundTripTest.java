package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.ExtensionRegistry;
import dev.polygate.demo.greeter.v1.HelloRequest;
import dev.polygate.test.v1.KitchenSinkProto;
import dev.polygate.test.v1.LibraryProto;
import dev.polygate.translators.model.protosource.ProtoSourcePrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Printed .proto files compile (with the gateway's own compiler) back into the descriptors they came from. */
class PrintedProtoRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void generatedTestServicesRoundTrip() throws Exception {
        for (FileDescriptor file : List.of(LibraryProto.getDescriptor(), KitchenSinkProto.getDescriptor(),
                HelloRequest.getDescriptor().getFile())) {
            assertRoundTrip(file);
        }
    }

    @Test
    void protocDescriptorsWithCommentsRoundTrip() throws Exception {
        FileDescriptor greeter = SchemaLoader.load(new SchemaConfig(List.of(descriptorSet()), List.of(), List.of(),
                false, java.time.Duration.ofSeconds(1)), null).fileByName(GreeterFixtures.FILE).orElseThrow();
        String text = ProtoSourcePrinter.print(greeter);
        assertThat(text).contains("// Answers one greeting.").contains("option (google.api.http) = {");
        assertRoundTrip(greeter);
    }

    @Test
    void customOptionsOfImportedFilesMapsOneofsAndJsonNamesRoundTrip() throws Exception {
        Path root = Path.of(getClass().getResource("protos/shop/v1/shop.proto").toURI()).getParent()
                .getParent().getParent();
        FileDescriptor shop = ProtoSourceCompiler.compile(List.of(root), List.of("shop/v1/shop.proto")).stream()
                .filter(f -> f.getName().equals("shop/v1/shop.proto")).findFirst().orElseThrow();
        String text = ProtoSourcePrinter.print(shop);
        assertThat(text)
                .contains("string sku = 1 [(shop.v1.xml_name) = \"SKU\"];")
                .contains("string id = 2 [json_name = \"orderId\"];")
                .contains("map<string, string> labels = 4;")
                .contains("optional string note = 7;")
                .contains("oneof payment {")
                .contains("custom {")
                .doesNotContain("json_name = \"quantity\"");
        assertRoundTrip(shop);
    }

    /** Prints the file and its user imports, compiles the printed text and compares the descriptors. */
    void assertRoundTrip(FileDescriptor file) throws Exception {
        Path root = Files.createTempDirectory(dir, "printed");
        write(root, file);
        List<FileDescriptor> compiled = ProtoSourceCompiler.compile(List.of(root), List.of(file.getName()));
        FileDescriptor again = compiled.stream().filter(f -> f.getName().equals(file.getName())).findFirst()
                .orElseThrow();
        assertThat(normalized(again.toProto())).as(file.getName() + "\n" + ProtoSourcePrinter.print(file))
                .isEqualTo(normalized(file.toProto()));
    }

    static void write(Path root, FileDescriptor file) throws Exception {
        if (file.getName().startsWith("google/")) {
            return;
        }
        Path target = root.resolve(file.getName());
        Files.createDirectories(target.getParent());
        Files.writeString(target, ProtoSourcePrinter.print(file));
        for (FileDescriptor dependency : file.getDependencies()) {
            write(root, dependency);
        }
    }

    /** Source info and json_name aside; options compared as their bytes (known extensions or not). */
    static FileDescriptorProto normalized(FileDescriptorProto proto) throws Exception {
        FileDescriptorProto.Builder file = FileDescriptorProto.parseFrom(proto.toByteString(),
                ExtensionRegistry.getEmptyRegistry()).toBuilder().clearSourceCodeInfo();
        file.getMessageTypeBuilderList().forEach(PrintedProtoRoundTripTest::clearJsonNames);
        file.getExtensionBuilderList().forEach(FieldDescriptorProto.Builder::clearJsonName);
        return file.build();
    }

    private static void clearJsonNames(DescriptorProto.Builder message) {
        message.getFieldBuilderList().forEach(FieldDescriptorProto.Builder::clearJsonName);
        message.getExtensionBuilderList().forEach(FieldDescriptorProto.Builder::clearJsonName);
        message.getNestedTypeBuilderList().forEach(PrintedProtoRoundTripTest::clearJsonNames);
    }

    private Path descriptorSet() throws Exception {
        Path target = dir.resolve("services.pb");
        Files.write(target, GreeterFixtures.descriptorSetBytes());
        return target;
    }
}
