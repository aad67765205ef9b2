package dev.polygate.translators.model.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polygate.spi.websocket.WebSocketCloseCodes;
import dev.polygate.translators.model.wire.GrpcStatus;
import dev.polygate.translators.model.wire.GrpcStatusCode;
import org.junit.jupiter.api.Test;

/** The close code table of the README, and reasons that fit a Close frame. */
class StatusCloseCodesTest {
    @Test
    void everyStatusHasASendableCodeFromTheTable() {
        assertThat(StatusCloseCodes.of(GrpcStatusCode.OK)).isEqualTo(1000);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.CANCELLED)).isEqualTo(1001);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.INVALID_ARGUMENT)).isEqualTo(1007);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.OUT_OF_RANGE)).isEqualTo(1007);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.NOT_FOUND)).isEqualTo(1008);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.PERMISSION_DENIED)).isEqualTo(1008);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.UNAUTHENTICATED)).isEqualTo(1008);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.RESOURCE_EXHAUSTED)).isEqualTo(1013);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.UNAVAILABLE)).isEqualTo(1013);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.DEADLINE_EXCEEDED)).isEqualTo(1011);
        assertThat(StatusCloseCodes.of(GrpcStatusCode.INTERNAL)).isEqualTo(1011);
        for (GrpcStatusCode code : GrpcStatusCode.values()) {
            assertThat(WebSocketCloseCodes.isSendable(StatusCloseCodes.of(code))).as(code.name()).isTrue();
        }
    }

    @Test
    void theReasonNamesTheStatusAndFitsAFrame() {
        assertThat(StatusCloseCodes.reason(new GrpcStatus(GrpcStatusCode.NOT_FOUND, "no shelf", null)))
                .isEqualTo("NOT_FOUND: no shelf");
        String reason = StatusCloseCodes.reason(new GrpcStatus(GrpcStatusCode.INTERNAL, "é".repeat(200), null));
        assertThat(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
    }
}
