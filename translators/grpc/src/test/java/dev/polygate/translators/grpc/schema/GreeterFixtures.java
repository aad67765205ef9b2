package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The demo Greeter's descriptors as the proto module ships them, and what every source must keep of them. */
final class GreeterFixtures {
    static final String SERVICE = "demo.greeter.v1.Greeter";
    static final String FILE = "demo/greeter/v1/greeter.proto";

    private GreeterFixtures() {
    }

    /** protoc's output with imports and source info. */
    static byte[] descriptorSetBytes() {
        return resource("dev/polygate/proto/polygate-services.pb");
    }

    static FileDescriptorSet descriptorSet() {
        try {
            return FileDescriptorSet.parseFrom(descriptorSetBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = GreeterFixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SayHello's google.api.http rule, typed, with its additional binding: nothing left in unknown fields. */
    static void assertHttpRulesKept(SchemaRegistry registry) {
        MethodDescriptor sayHello = registry.method(SERVICE, "SayHello").orElseThrow();
        assertThat(sayHello.getOptions().getUnknownFields().asMap()).isEmpty();
        assertThat(sayHello.getOptions().hasExtension(AnnotationsProto.http)).isTrue();
        HttpRule rule = sayHello.getOptions().getExtension(AnnotationsProto.http);
        assertThat(rule.getGet()).isEqualTo("/v1/greeter/{name}");
        assertThat(rule.getAdditionalBindingsList()).hasSize(1);
        assertThat(rule.getAdditionalBindings(0).getPost()).isEqualTo("/v1/greeter");
        assertThat(rule.getAdditionalBindings(0).getBody()).isEqualTo("*");
        HttpRule stream = registry.method(SERVICE, "StreamGreetings").orElseThrow()
                .getOptions().getExtension(AnnotationsProto.http);
        assertThat(stream.getGet()).isEqualTo("/v1/greeter/{name}/stream");
    }
}
