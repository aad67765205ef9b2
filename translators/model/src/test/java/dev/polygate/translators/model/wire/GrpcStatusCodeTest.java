package dev.polygate.translators.model.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.ErrorKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcStatusCodeTest {

    @Test
    void numbersMatchTheSpec() {
        for (GrpcStatusCode code : GrpcStatusCode.values()) {
            assertThat(GrpcStatusCode.of(code.value())).isSameAs(code);
        }
        assertThat(GrpcStatusCode.UNAUTHENTICATED.value()).isEqualTo(16);
        assertThat(GrpcStatusCode.of(17)).isEqualTo(GrpcStatusCode.UNKNOWN);
        assertThat(GrpcStatusCode.of(-1)).isEqualTo(GrpcStatusCode.UNKNOWN);
    }

    @Test
    void mapsToHttpStatusAsTheDesignTableSays() {
        Map<GrpcStatusCode, Integer> table = Map.ofEntries(
                Map.entry(GrpcStatusCode.OK, 200), Map.entry(GrpcStatusCode.CANCELLED, 499),
                Map.entry(GrpcStatusCode.UNKNOWN, 500), Map.entry(GrpcStatusCode.INTERNAL, 500),
                Map.entry(GrpcStatusCode.DATA_LOSS, 500), Map.entry(GrpcStatusCode.INVALID_ARGUMENT, 400),
                Map.entry(GrpcStatusCode.FAILED_PRECONDITION, 400), Map.entry(GrpcStatusCode.OUT_OF_RANGE, 400),
                Map.entry(GrpcStatusCode.DEADLINE_EXCEEDED, 504), Map.entry(GrpcStatusCode.NOT_FOUND, 404),
                Map.entry(GrpcStatusCode.ALREADY_EXISTS, 409), Map.entry(GrpcStatusCode.ABORTED, 409),
                Map.entry(GrpcStatusCode.PERMISSION_DENIED, 403), Map.entry(GrpcStatusCode.RESOURCE_EXHAUSTED, 429),
                Map.entry(GrpcStatusCode.UNIMPLEMENTED, 501), Map.entry(GrpcStatusCode.UNAVAILABLE, 503),
                Map.entry(GrpcStatusCode.UNAUTHENTICATED, 401));
        assertThat(table).hasSize(GrpcStatusCode.values().length);
        table.forEach((code, http) -> assertThat(code.httpStatus()).as(code.name()).isEqualTo(http));
    }

    @Test
    void mapsNonGrpcUpstreamAnswers() {
        assertThat(GrpcStatusCode.fromHttpStatus(400)).isEqualTo(GrpcStatusCode.INTERNAL);
        assertThat(GrpcStatusCode.fromHttpStatus(401)).isEqualTo(GrpcStatusCode.UNAUTHENTICATED);
        assertThat(GrpcStatusCode.fromHttpStatus(403)).isEqualTo(GrpcStatusCode.PERMISSION_DENIED);
        assertThat(GrpcStatusCode.fromHttpStatus(404)).isEqualTo(GrpcStatusCode.UNIMPLEMENTED);
        for (int status : new int[] {429, 502, 503, 504}) {
            assertThat(GrpcStatusCode.fromHttpStatus(status)).isEqualTo(GrpcStatusCode.UNAVAILABLE);
        }
        for (int status : new int[] {200, 301, 405, 500, 418}) {
            assertThat(GrpcStatusCode.fromHttpStatus(status)).isEqualTo(GrpcStatusCode.UNKNOWN);
        }
    }

    @Test
    void mapsEveryErrorKindThroughItsGrpcCode() {
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(GrpcStatusCode.of(kind).value()).as(kind.name()).isEqualTo(kind.grpcCode());
        }
        assertThat(GrpcStatusCode.of(ErrorKind.UPSTREAM_TIMEOUT)).isEqualTo(GrpcStatusCode.DEADLINE_EXCEEDED);
    }
}
