package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.AnnotationsProto;
import com.google.api.HttpBodyProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.TimestampProto;
import dev.polygate.spi.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtoSourceCompilerTest {
    private static final Path FIXTURES = fixtures();

    @TempDir
    Path dir;

    @Test
    void keepsHttpRulesWithAdditionalBindingsBodyAndResponseBody() throws Exception {
        SchemaRegistry registry = compile(FIXTURES.resolve("protos"), "shop/v1/shop.proto");

        var shop = registry.service("shop.v1.Shop").orElseThrow();
        HttpRule get = shop.findMethodByName("GetOrder").getOptions().getExtension(AnnotationsProto.http);
        assertThat(get.getGet()).isEqualTo("/v1/shops/{shop}/orders/{id}");
        assertThat(get.getAdditionalBindingsList()).extracting(HttpRule::getGet, HttpRule::getPost, HttpRule::getBody)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/v1/orders/{id}", "", ""),
                        org.assertj.core.groups.Tuple.tuple("", "/v1/orders:lookup", "*"));
        HttpRule patch = shop.findMethodByName("UpdateOrder").getOptions().getExtension(AnnotationsProto.http);
        assertThat(patch.getPatch()).isEqualTo("/v1/orders/{order.id}");
        assertThat(patch.getBody()).isEqualTo("order");
        assertThat(patch.getResponseBody()).isEqualTo("lines");
        HttpRule custom = shop.findMethodByName("Export").getOptions().getExtension(AnnotationsProto.http);
        assertThat(custom.getCustom().getKind()).isEqualTo("EXPORT");
        assertThat(shop.getMethods()).allSatisfy(m -> assertThat(m.getOptions().getUnknownFields().asMap()).isEmpty());
        assertThat(shop.findMethodByName("Watch").isClientStreaming()).isTrue();
        assertThat(shop.findMethodByName("Watch").isServerStreaming()).isTrue();
    }

    @Test
    void resolvesImportsBetweenUserFilesAndOfBundledGoogleFiles() throws Exception {
        SchemaRegistry registry = compile(FIXTURES.resolve("protos"), "shop/v1/shop.proto");

        FileDescriptor shop = registry.fileByName("shop/v1/shop.proto").orElseThrow();
        assertThat(registry.fileByName("shop/v1/money.proto")).isPresent();
        assertThat(shop.getDependencies()).contains(AnnotationsProto.getDescriptor(), HttpBodyProto.getDescriptor(),
                TimestampProto.getDescriptor());
        assertThat(shop.findServiceByName("Shop").findMethodByName("Export").getOutputType())
                .isSameAs(com.google.api.HttpBody.getDescriptor());
        Descriptor order = shop.findMessageTypeByName("Order");
        assertThat(order.findFieldByName("total").getMessageType().getFullName()).isEqualTo("shop.v1.Money");
        assertThat(order.findFieldByName("created").getMessageType()).isSameAs(com.google.protobuf.Timestamp.getDescriptor());
        assertThat(order.findFieldByName("labels").isMapField()).isTrue();
        assertThat(order.findFieldByName("note").toProto().getProto3Optional()).isTrue();
        assertThat(order.findFieldByName("card").getContainingOneof().getName()).isEqualTo("payment");
        assertThat(shop.findMessageTypeByName("GetOrderRequest").findFieldByName("id").getJsonName()).isEqualTo("orderId");
        assertThat(registry.fileContainingSymbol("shop.v1.Order.Line")).contains(shop);
    }

    @Test
    void customOptionsOfImportedFilesAreReadable() throws Exception {
        SchemaRegistry registry = compile(FIXTURES.resolve("protos"), "shop/v1/shop.proto");

        FieldDescriptor xmlName = registry.fileByName("shop/v1/xml.proto").orElseThrow().findExtensionByName("xml_name");
        FieldDescriptor sku = registry.fileByName("shop/v1/shop.proto").orElseThrow()
                .findMessageTypeByName("Order").findNestedTypeByName("Line").findFieldByName("sku");
        assertThat(sku.getOptions().getField(xmlName)).isEqualTo("SKU");
    }

    @Test
    void everyFileUnderTheRootsWhenNoneAreNamed() throws Exception {
        SchemaRegistry registry = compile(FIXTURES.resolve("protos"));

        assertThat(registry.fileByName("shop/v1/money.proto")).isPresent();
        assertThat(registry.service("shop.v1.Shop")).isPresent();
    }

    @Test
    void matchesProtocOutputForTheDemoGreeter() throws Exception {
        Path root = dir.resolve("protos");
        Files.createDirectories(root.resolve("demo/greeter/v1"));
        Files.write(root.resolve(GreeterFixtures.FILE), GreeterFixtures.resource(GreeterFixtures.FILE));

        SchemaRegistry registry = compile(root, GreeterFixtures.FILE);

        GreeterFixtures.assertHttpRulesKept(registry);
        FileDescriptorProto byProtoc = GreeterFixtures.descriptorSet().getFileList().stream()
                .filter(f -> f.getName().equals(GreeterFixtures.FILE)).findFirst().orElseThrow()
                .toBuilder().clearSourceCodeInfo().build();
        FileDescriptorProto byWire = registry.fileByName(GreeterFixtures.FILE).orElseThrow().toProto();
        assertThat(FileDescriptorProto.parseFrom(byWire.toByteString(), ClasspathDescriptors.EXTENSIONS))
                .isEqualTo(FileDescriptorProto.parseFrom(byProtoc.toByteString(), ClasspathDescriptors.EXTENSIONS));
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        assertThatThrownBy(() -> compile(FIXTURES.resolve("broken/syntax"), "bad.proto"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigException.Problem::path).containsOnly("protos");
                    assertThat(e.getMessage()).contains("bad.proto:7");
                });
    }

    @Test
    void missingImportsAreNamed() {
        assertThatThrownBy(() -> compile(FIXTURES.resolve("broken/imports"), "lost.proto"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigException.Problem::path).containsOnly("protos");
                    assertThat(e.getMessage()).contains("nowhere/missing.proto").contains("lost.proto");
                });
    }

    private static SchemaRegistry compile(Path root, String... files) throws ConfigException {
        return SchemaLoader.load(new SchemaConfig(List.of(), List.of(root), List.of(files), false,
                Duration.ofSeconds(1)), null);
    }

    private static Path fixtures() {
        try {
            return Path.of(ProtoSourceCompilerTest.class.getResource("protos").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
