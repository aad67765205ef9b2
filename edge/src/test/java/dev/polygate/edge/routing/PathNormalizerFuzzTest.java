package dev.polygate.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.nio.charset.StandardCharsets;

/**
 * Any request path either comes out in the one canonical form or is refused as BAD_REQUEST. A crash is any other
 * exception, or a result that starts without '/', holds "//" or a dot segment, or changes when normalised again.
 */
class PathNormalizerFuzzTest {

    @FuzzTest(maxDuration = "3s")
    void canonicalOrBadRequest(byte[] input) {
        String raw = new String(input, StandardCharsets.UTF_8);
        String normal;
        try {
            normal = PathNormalizer.normalize(raw);
        } catch (GatewayException e) {
            assertThat(e.kind()).as(e.detail()).isEqualTo(ErrorKind.BAD_REQUEST);
            return;
        }
        assertThat(normal).startsWith("/").doesNotContain("//").doesNotContain("\\");
        for (String segment : normal.substring(1).split("/", -1)) {
            assertThat(segment).as("segment of %s", normal).isNotIn(".", "..");
        }
        assertThat(PathNormalizer.normalize(normal)).as("normalised twice").isEqualTo(normal);
    }
}
