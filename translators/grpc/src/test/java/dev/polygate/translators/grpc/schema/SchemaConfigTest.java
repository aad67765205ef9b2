package dev.polygate.translators.grpc.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.ConfigException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.write(dir.resolve("a.pb"), new byte[] {0});
        Files.createDirectories(dir.resolve("protos/demo/v1"));
        Files.writeString(dir.resolve("protos/demo/v1/x.proto"), "syntax = \"proto3\";");
    }

    @Test
    void parsesEverySourceWithPathsAgainstTheConfigDirectory() throws Exception {
        SchemaConfig config = SchemaConfig.parse(json("""
                {"descriptorSets": ["a.pb"], "protos": {"roots": ["protos/"], "files": ["demo/v1/x.proto"]},
                 "reflection": true, "reflectionTimeout": "3s"}"""), dir);

        assertThat(config).isEqualTo(new SchemaConfig(List.of(dir.resolve("a.pb")), List.of(dir.resolve("protos")),
                List.of("demo/v1/x.proto"), true, Duration.ofSeconds(3)));
        assertThat(config.isEmpty()).isFalse();
    }

    @Test
    void missingSectionIsEmpty() throws Exception {
        assertThat(SchemaConfig.parse(null, dir)).isEqualTo(SchemaConfig.empty());
        assertThat(SchemaConfig.parse(JSON.missingNode(), dir).isEmpty()).isTrue();
        assertThat(SchemaConfig.parse(json("{}"), dir).reflectionTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void filesWithoutRootsAreRelativeToTheConfigDirectory() throws Exception {
        SchemaConfig config = SchemaConfig.parse(json("{\"protos\": {\"files\": [\"protos/demo/v1/x.proto\"]}}"), dir);

        assertThat(config.protoRoots()).containsExactly(dir);
    }

    @Test
    void reportsEveryProblemWithItsPath() throws Exception {
        assertThatThrownBy(() -> SchemaConfig.parse(json("""
                {"descriptorSets": ["a.pb", "missing.pb"], "protos": {"roots": ["nope/", "protos"],
                 "files": ["demo/v1/y.proto", "../x.proto"], "include": []},
                 "reflection": "yes", "reflectionTimeout": "soon", "sevices": []}"""), dir))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path).containsExactlyInAnyOrder("sevices", "descriptorSets[1]",
                                "protos.include", "protos.roots[0]", "protos.files[0]", "protos.files[1]",
                                "reflection", "reflectionTimeout"))
                .hasMessageContaining("sevices: unknown key; expected one of descriptorSets, protos, reflection, reflectionTimeout")
                .hasMessageContaining("no such file: " + dir.resolve("missing.pb"))
                .hasMessageContaining("'demo/v1/y.proto' is in none of the roots")
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void rejectsANonMap() {
        assertThatThrownBy(() -> SchemaConfig.parse(json("[1]"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be a map");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
