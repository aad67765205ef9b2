package dev.polygate.translators.model.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class GrpcHeadersTest {

    @Test
    void separatesReservedHeadersFromMetadata() {
        for (String reserved : new String[] {":path", "content-type", "Content-Type", "te", "user-agent",
                "grpc-timeout", "grpc-status", "Grpc-Encoding", "connection", "transfer-encoding", "content-length"}) {
            assertThat(GrpcHeaders.isReserved(reserved)).as(reserved).isTrue();
        }
        for (String metadata : new String[] {"authorization", "x-request-id", "trace-bin", "x-user-agent",
                "grpcx-custom"}) {
            assertThat(GrpcHeaders.isMetadata(metadata)).as(metadata).isTrue();
        }
    }

    @Test
    void copiesOnlyMetadata() {
        HttpHeaders from = new DefaultHttpHeaders().add("content-type", "application/grpc").add("te", "trailers")
                .add("grpc-timeout", "1S").add("authorization", "Bearer x").add("x-tag", "a").add("x-tag", "b");
        HttpHeaders to = new DefaultHttpHeaders();
        GrpcHeaders.copyMetadata(from, to);
        assertThat(to.names()).containsExactlyInAnyOrder("authorization", "x-tag");
        assertThat(to.getAll("x-tag")).containsExactly("a", "b");
    }

    @Test
    void recognisesGrpcContentTypes() {
        assertThat(GrpcHeaders.isGrpcContentType("application/grpc")).isTrue();
        assertThat(GrpcHeaders.isGrpcContentType("application/grpc+proto")).isTrue();
        assertThat(GrpcHeaders.isGrpcContentType("Application/GRPC; charset=binary")).isTrue();
        assertThat(GrpcHeaders.isGrpcContentType("application/grpc-web")).isFalse();
        assertThat(GrpcHeaders.isGrpcContentType("application/grpcx")).isFalse();
        assertThat(GrpcHeaders.isGrpcContentType("text/html")).isFalse();
        assertThat(GrpcHeaders.isGrpcContentType(null)).isFalse();
    }

    @Test
    void handlesBinaryMetadataPaddedOrNot() {
        assertThat(GrpcHeaders.isBinary("Trace-Bin")).isTrue();
        assertThat(GrpcHeaders.isBinary("binary")).isFalse();
        byte[] value = {0, 1, 2, (byte) 0xff, 0x7f};
        String encoded = GrpcHeaders.encodeBinary(value);
        assertThat(encoded).isEqualTo("AAEC/38");
        assertThat(GrpcHeaders.decodeBinary(encoded)).isEqualTo(value);
        assertThat(GrpcHeaders.decodeBinary("AAEC/38=")).isEqualTo(value);
        assertThatThrownBy(() -> GrpcHeaders.decodeBinary("A*")).isInstanceOf(IllegalArgumentException.class);
    }
}
