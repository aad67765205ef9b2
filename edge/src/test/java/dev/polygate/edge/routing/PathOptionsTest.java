package dev.polygate.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigNode;
import dev.polygate.spi.ErrorKind;
import dev.polygate.spi.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathOptionsTest {
    private static final PathOptions STRIP = new PathOptions(PathOptions.Parameters.STRIP,
            PathOptions.TrailingDots.REFUSE, false);
    private static final PathOptions REFUSE = new PathOptions(PathOptions.Parameters.REFUSE,
            PathOptions.TrailingDots.KEEP, true);

    private static PathOptions read(String json, List<ConfigException.Problem> problems) throws Exception {
        return PathOptions.read(ConfigNode.root(new ObjectMapper().readTree(json), problems).get("paths"));
    }

    private static void refused(PathOptions options, String path, String detail) {
        assertThatThrownBy(() -> options.apply(path)).as(path).isInstanceOf(GatewayException.class)
                .hasMessageContaining(detail)
                .extracting(e -> ((GatewayException) e).kind()).isEqualTo(ErrorKind.BAD_REQUEST);
    }

    @Test
    void theDefaultsLeaveEveryPathAsItIs() {
        for (String path : List.of("/secure;a=b/x", "/secure./x", "/SECURE/x", "/a/b.")) {
            assertThat(PathOptions.DEFAULT.apply(path)).isSameAs(path);
        }
        assertThat(PathOptions.DEFAULT.changesPaths()).isFalse();
    }

    @Test
    void parametersAreStrippedFromEverySegmentAndThePathNormalisedAgain() {
        assertThat(STRIP.apply("/secure;jsessionid=1/x")).isEqualTo("/secure/x");
        assertThat(STRIP.apply("/a;x/b;y=1;z/c;")).isEqualTo("/a/b/c");
        assertThat(STRIP.apply("/;a/secure/x")).isEqualTo("/secure/x");
        assertThat(STRIP.apply("/secure/x")).isEqualTo("/secure/x");
        assertThat(STRIP.apply("/a/%3Bb")).as("an escaped ';' is data, not a parameter").isEqualTo("/a/%3Bb");
        refused(REFUSE, "/secure;/x", "';' parameters");
        assertThat(REFUSE.apply("/secure./x")).isEqualTo("/secure./x");
    }

    @Test
    void aSegmentEndingInADotIsRefusedWhenAsked() {
        for (String path : List.of("/secure./x", "/a/b.", "/a../b", "/a/b.;c", "/x/.../y")) {
            refused(STRIP, path, "ending in '.'");
        }
        assertThat(STRIP.apply("/a/file.txt")).isEqualTo("/a/file.txt");
        assertThat(STRIP.apply("/a/.hidden/b")).isEqualTo("/a/.hidden/b");
        assertThat(STRIP.apply("/a/b/")).isEqualTo("/a/b/");
    }

    @Test
    void theSectionIsReadWithEveryProblemAtItsPath() throws Exception {
        List<ConfigException.Problem> problems = new ArrayList<>();
        assertThat(read("{}", problems)).isEqualTo(PathOptions.DEFAULT);
        assertThat(read("{\"paths\":{\"parameters\":\"strip\",\"trailingDots\":\"refuse\",\"caseSensitive\":false}}",
                problems)).isEqualTo(STRIP);
        assertThat(problems).isEmpty();

        read("{\"paths\":{\"parameters\":\"drop\",\"trailingDots\":true,\"caseSensitive\":\"no\",\"case\":1}}",
                problems);
        assertThat(problems).containsExactlyInAnyOrder(
                new ConfigException.Problem("paths.parameters", "must be one of keep, strip, refuse, was 'drop'"),
                new ConfigException.Problem("paths.trailingDots", "must be a string"),
                new ConfigException.Problem("paths.caseSensitive", "must be true or false"),
                new ConfigException.Problem("paths.case",
                        "unknown key; expected one of parameters, trailingDots, caseSensitive"));
    }
}
