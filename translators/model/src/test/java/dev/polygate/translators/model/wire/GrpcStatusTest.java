package dev.polygate.translators.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GrpcStatusTest {

    @Test
    void percentEncodesOnlyWhatIsNotPrintableAscii() {
        assertThat(GrpcMessageEncoding.encode("plain text: ok!")).isEqualTo("plain text: ok!");
        assertThat(GrpcMessageEncoding.encode("100%")).isEqualTo("100%25");
        assertThat(GrpcMessageEncoding.encode("line\nbreak\ttab")).isEqualTo("line%0Abreak%09tab");
        assertThat(GrpcMessageEncoding.encode("café ☕")).isEqualTo("caf%C3%A9 %E2%98%95");
        assertThat(GrpcMessageEncoding.encode("\uD83D\uDE00")).isEqualTo("%F0%9F%98%80");
    }

    @Test
    void roundTripsMessagesThroughTrailers() {
        for (String message : new String[] {"simple", "100% sure", "ünïcödé ☕ \uD83D\uDE00", "tab\tcr\rlf\n",
                "%%%", "~ `{}` ", "\u0000\u007f"}) {
            HttpHeaders trailers = new DefaultHttpHeaders();
            new GrpcStatus(GrpcStatusCode.NOT_FOUND, message, null).writeTo(trailers);
            String encoded = trailers.get("grpc-message");
            assertThat(encoded.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
            GrpcStatus back = GrpcStatus.fromTrailers(trailers);
            assertThat(back.code()).isEqualTo(GrpcStatusCode.NOT_FOUND);
            assertThat(back.message()).isEqualTo(message);
        }
    }

    @Test
    void decodesMalformedEscapesLeniently() {
        assertThat(GrpcMessageEncoding.decode("50%")).isEqualTo("50%");
        assertThat(GrpcMessageEncoding.decode("%zz%4")).isEqualTo("%zz%4");
        assertThat(GrpcMessageEncoding.decode("a%20b%c3%A9")).isEqualTo("a bé");
    }

    @Test
    void missingStatusIsInternalNeverOk() {
        GrpcStatus status = GrpcStatus.fromTrailers(new DefaultHttpHeaders());
        assertThat(status.code()).isEqualTo(GrpcStatusCode.INTERNAL);
        assertThat(status.isOk()).isFalse();
        assertThat(status.message()).isEqualTo("no grpc-status in response");
    }

    @Test
    void malformedOrUnknownStatusIsUnknown() {
        assertThat(GrpcStatus.fromTrailers(new DefaultHttpHeaders().add("grpc-status", "x")).code())
                .isEqualTo(GrpcStatusCode.UNKNOWN);
        assertThat(GrpcStatus.fromTrailers(new DefaultHttpHeaders().add("grpc-status", "42")).code())
                .isEqualTo(GrpcStatusCode.UNKNOWN);
        assertThat(GrpcStatus.fromTrailers(new DefaultHttpHeaders().add("grpc-status", "0")).isOk()).isTrue();
    }

    @Test
    void carriesRichDetailsPaddedOrNot() {
        com.google.rpc.Status details = com.google.rpc.Status.newBuilder().setCode(3).setMessage("bad")
                .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(
                        BadRequest.FieldViolation.newBuilder().setField("name").setDescription("empty")).build()))
                .build();
        HttpHeaders trailers = new DefaultHttpHeaders();
        new GrpcStatus(GrpcStatusCode.INVALID_ARGUMENT, "bad", details).writeTo(trailers);
        assertThat(trailers.get("grpc-status-details-bin")).doesNotEndWith("=");
        assertThat(GrpcStatus.fromTrailers(trailers).details()).isEqualTo(details);

        trailers.set("grpc-status-details-bin", Base64.getEncoder().encodeToString(details.toByteArray()));
        assertThat(GrpcStatus.fromTrailers(trailers).details()).isEqualTo(details);

        trailers.set("grpc-status-details-bin", "!!not base64");
        GrpcStatus lenient = GrpcStatus.fromTrailers(trailers);
        assertThat(lenient.details()).isNull();
        assertThat(lenient.code()).isEqualTo(GrpcStatusCode.INVALID_ARGUMENT);
    }

    @Test
    void writesOnlyTheStatusWhenThereIsNoMessage() {
        HttpHeaders trailers = new DefaultHttpHeaders().add("grpc-message", "stale");
        GrpcStatus.OK.writeTo(trailers);
        assertThat(trailers.get("grpc-status")).isEqualTo("0");
        assertThat(trailers.contains("grpc-message")).isFalse();
        assertThat(trailers.contains("grpc-status-details-bin")).isFalse();
    }

    @Test
    void rendersGatewayErrors() {
        GrpcStatus status = GrpcStatus.of(new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "upstream down"));
        assertThat(status.code()).isEqualTo(GrpcStatusCode.UNAVAILABLE);
        assertThat(status.message()).isEqualTo("upstream down");
        assertThat(new GrpcException(GrpcStatusCode.RESOURCE_EXHAUSTED, "too big").toGatewayException().kind())
                .isEqualTo(ErrorKind.PAYLOAD_TOO_LARGE);
        assertThat(new GrpcException(GrpcStatusCode.INVALID_ARGUMENT, "bad").status().code().value()).isEqualTo(3);
    }
}
