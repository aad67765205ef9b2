package dev.polygate.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigPathsTest {
    @Test
    void pathsAreOrderedStepByStepWithIndexesByNumber() {
        List<String> paths = new ArrayList<>(List.of("upstreams.b", "routes[10].name", "routes[2].match.paths[10]",
                "routes[2].match.paths[9]", "routes[2].match", "", "routes[2].backend.prefix", "colour"));
        paths.sort(ConfigPaths.ORDER);
        assertThat(paths).containsExactly("", "colour", "routes[2].backend.prefix", "routes[2].match",
                "routes[2].match.paths[9]", "routes[2].match.paths[10]", "routes[10].name", "upstreams.b");
    }

    @Test
    void joinPutsIndexesWithoutADot() {
        assertThat(ConfigPaths.join("routes[1]", "backend")).isEqualTo("routes[1].backend");
        assertThat(ConfigPaths.join("routes", "[1]")).isEqualTo("routes[1]");
        assertThat(ConfigPaths.join("", "service")).isEqualTo("service");
    }
}
