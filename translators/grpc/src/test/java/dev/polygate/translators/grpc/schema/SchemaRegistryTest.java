package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.util.JsonFormat;
import dev.polygate.demo.greeter.v1.GreeterGrpc;
import dev.polygate.demo.greeter.v1.HelloRequest;
import dev.polygate.spi.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {
    private static final FileDescriptor GREETER = HelloRequest.getDescriptor().getFile();

    @Test
    void findsServicesMethodsAndFiles() {
        SchemaRegistry registry = SchemaRegistry.of(List.of(GREETER));

        assertThat(registry.services()).extracting(s -> s.getFullName()).containsExactly(GreeterFixtures.SERVICE);
        assertThat(registry.method(GreeterFixtures.SERVICE, "SayHello")).isPresent();
        assertThat(registry.method(GreeterFixtures.SERVICE, "Nope")).isEmpty();
        assertThat(registry.method("demo.Nope", "SayHello")).isEmpty();
        assertThat(registry.fileByName("google/protobuf/descriptor.proto")).isPresent();
        assertThat(GreeterGrpc.getServiceDescriptor().getName()).isEqualTo(GreeterFixtures.SERVICE);
    }

    @Test
    void fileContainingSymbolFindsNestedMessagesMethodsFieldsAndEnums() throws Exception {
        SchemaRegistry registry = SchemaRegistry.of(List.of(shop("shop/v1/shop.proto", "shop.v1", "Shop")));
        FileDescriptor shop = registry.fileByName("shop/v1/shop.proto").orElseThrow();

        assertThat(registry.fileContainingSymbol("shop.v1.Order.Line")).contains(shop);
        assertThat(registry.fileContainingSymbol(".shop.v1.Order.Line")).contains(shop);
        assertThat(registry.fileContainingSymbol("shop.v1.Shop.GetOrder")).contains(shop);
        assertThat(registry.fileContainingSymbol("shop.v1.Shop")).contains(shop);
        assertThat(registry.fileContainingSymbol("shop.v1.Order.Line.sku")).contains(shop);
        assertThat(registry.fileContainingSymbol("shop.v1.Order.State")).contains(shop);
        assertThat(registry.fileContainingSymbol("shop.v1.Order.OPEN")).contains(shop);
        assertThat(registry.fileContainingSymbol("google.protobuf.Timestamp")).contains(TimestampProto.getDescriptor());
        assertThat(registry.fileContainingSymbol("shop.v1.Nope")).isEmpty();
    }

    @Test
    void mergeKeepsBothAndLaterWinsOnTheSameFileName() throws Exception {
        SchemaRegistry first = SchemaRegistry.of(List.of(shop("shop/v1/shop.proto", "shop.v1", "Shop")));
        SchemaRegistry second = SchemaRegistry.of(List.of(GREETER, shop("shop/v1/shop.proto", "shop.v1", "Store")));

        SchemaRegistry merged = first.merge(second);

        assertThat(merged.services()).extracting(s -> s.getFullName())
                .containsExactlyInAnyOrder(GreeterFixtures.SERVICE, "shop.v1.Store");
        assertThat(merged.service("shop.v1.Shop")).isEmpty();
        assertThat(merged.files()).extracting(FileDescriptor::getName).doesNotHaveDuplicates();
        assertThat(first.service("shop.v1.Shop")).as("merge leaves its inputs alone").isPresent();
        assertThat(SchemaRegistry.empty().merge(first)).isSameAs(first);
        assertThat(first.merge(SchemaRegistry.empty())).isSameAs(first);
    }

    @Test
    void requireServicesNamesWhatIsMissingAndWhatIsKnown() throws Exception {
        SchemaRegistry registry = SchemaRegistry.of(List.of(GREETER, shop("shop/v1/shop.proto", "shop.v1", "Shop")));

        registry.requireServices(List.of(GreeterFixtures.SERVICE, "shop.v1.Shop"));
        assertThatThrownBy(() -> registry.requireServices(List.of("shop.v1.Shop", "demo.greeter.v1.Greter")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).path()).isEqualTo("services[1]");
                    assertThat(e.problems().get(0).message()).isEqualTo("no service 'demo.greeter.v1.Greter' in the "
                            + "schema; known services: demo.greeter.v1.Greeter, shop.v1.Shop");
                });
        assertThatThrownBy(() -> SchemaRegistry.empty().requireServices(List.of("a.B")))
                .hasMessageContaining("known services: none");
    }

    @Test
    void filesComeInDependencyOrderAndServeReflection() throws Exception {
        SchemaRegistry registry = SchemaRegistry.of(List.of(GREETER));

        List<String> names = registry.files().stream().map(FileDescriptor::getName).toList();
        assertThat(names.indexOf("google/protobuf/descriptor.proto")).isLessThan(names.indexOf("google/api/annotations.proto"));
        assertThat(names.indexOf("google/api/annotations.proto")).isLessThan(names.indexOf(GreeterFixtures.FILE));
        assertThat(names.get(names.size() - 1)).isEqualTo(GreeterFixtures.FILE);

        var bytes = registry.fileWithDependencies(GREETER);
        List<String> served = bytes.stream().map(b -> {
            try {
                return FileDescriptorProto.parseFrom(b).getName();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(served).containsExactlyInAnyOrder("google/protobuf/descriptor.proto", "google/api/http.proto",
                "google/api/annotations.proto", "google/protobuf/duration.proto", GreeterFixtures.FILE);
        assertThat(served.get(served.size() - 1)).isEqualTo(GreeterFixtures.FILE);
    }

    @Test
    void typeRegistryResolvesAnyOfEveryMessage() throws Exception {
        FileDescriptor shop = shop("shop/v1/shop.proto", "shop.v1", "Shop");
        SchemaRegistry registry = SchemaRegistry.of(List.of(shop));
        DynamicMessage line = DynamicMessage.newBuilder(shop.findMessageTypeByName("Order").findNestedTypeByName("Line"))
                .setField(shop.findMessageTypeByName("Order").findNestedTypeByName("Line").findFieldByName("sku"), "A-1")
                .build();

        String json = JsonFormat.printer().usingTypeRegistry(registry.typeRegistry()).omittingInsignificantWhitespace()
                .print(Any.pack(line));

        assertThat(json).isEqualTo("{\"@type\":\"type.googleapis.com/shop.v1.Order.Line\",\"sku\":\"A-1\"}");
    }

    /** A file with a nested message, a nested enum, a Timestamp field and a service. */
    static FileDescriptor shop(String name, String pkg, String service) throws Exception {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName(name).setPackage(pkg).setSyntax("proto3")
                .addDependency("google/protobuf/timestamp.proto")
                .addMessageType(DescriptorProto.newBuilder().setName("Order")
                        .addField(field("id", 1, FieldDescriptorProto.Type.TYPE_STRING, null))
                        .addField(field("created", 2, FieldDescriptorProto.Type.TYPE_MESSAGE, ".google.protobuf.Timestamp"))
                        .addNestedType(DescriptorProto.newBuilder().setName("Line")
                                .addField(field("sku", 1, FieldDescriptorProto.Type.TYPE_STRING, null)))
                        .addEnumType(EnumDescriptorProto.newBuilder().setName("State")
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("OPEN").setNumber(0))))
                .addService(ServiceDescriptorProto.newBuilder().setName(service)
                        .addMethod(MethodDescriptorProto.newBuilder().setName("GetOrder")
                                .setInputType("." + pkg + ".Order").setOutputType("." + pkg + ".Order.Line")))
                .build();
        return DescriptorLinker.link(List.of(proto), "test").get(0);
    }

    private static FieldDescriptorProto field(String name, int number, FieldDescriptorProto.Type type, String typeName) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(type).setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        return typeName == null ? field.build() : field.setTypeName(typeName).build();
    }
}
