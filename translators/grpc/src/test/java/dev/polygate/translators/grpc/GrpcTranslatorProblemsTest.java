package dev.polygate.translators.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.polygate.spi.ConfigException;
import dev.polygate.spi.RoutePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the grpc translator reports about its section when it is built: every problem at once, each at a key that
 * exists, and gRPC paths of the route that name a service the schema does not have.
 */
class GrpcTranslatorProblemsTest {
    private static final String SHOP = """
            syntax = "proto3";
            package shop.v1;
            import "google/api/annotations.proto";
            service Shop {
              rpc GetItem(GetItemRequest) returns (Item) { option (google.api.http) = { get: "/v1/items/{%s}" }; }
            }
            message GetItemRequest { string id = 1; }
            message Item { string id = 1; }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void schemaFiles() throws Exception {
        Files.createDirectories(dir.resolve("protos/shop/v1"));
        Files.writeString(dir.resolve("protos/shop/v1/shop.proto"), SHOP.formatted("id"));
        Files.createDirectories(dir.resolve("broken/shop/v1"));
        Files.writeString(dir.resolve("broken/shop/v1/shop.proto"), SHOP.formatted("sku"));
        Files.writeString(dir.resolve("first.pb"), "not a descriptor set");
        Files.writeString(dir.resolve("second.pb"), "nor this");
    }

    @Test
    void everyProblemOfTheSectionIsReportedAtOnce() {
        assertThat(problems("""
                upstream: nowhere
                timeout: soon
                schema: { descriptorSets: [ first.pb, second.pb ] }
                """, null)).extracting(ConfigException.Problem::path)
                .containsExactlyInAnyOrder("upstream", "timeout", "schema.descriptorSets[0]",
                        "schema.descriptorSets[1]");
    }

    @Test
    void aBadHttpRuleOfTheSchemaIsReportedAtTheSchema() {
        assertThat(problems("""
                upstream: shop
                schema: { protos: { roots: [ broken ], files: [ shop/v1/shop.proto ] } }
                """, null)).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("schema");
                    assertThat(p.message()).contains("shop.v1.Shop/GetItem", "\"sku\" is not a field");
                });
    }

    @Test
    void aGrpcPathMustNameAServiceOfTheSchema() {
        assertThat(problems("""
                upstream: shop
                schema: { protos: { roots: [ protos ], files: [ shop/v1/shop.proto ] } }
                """, new Paths(List.of(
                new RoutePaths.Entry("routes[4].match.paths[0]", false, "/v1/**"),
                new RoutePaths.Entry("routes[4].match.paths[1]", false, "/shop.v1.Shop/*"),
                new RoutePaths.Entry("routes[4].match.paths[2]", false, "/shop.v1.Shops/**"),
                new RoutePaths.Entry("routes[4].match.paths[3]", false, "/shop.v1.Shop/GetItem"),
                new RoutePaths.Entry("routes[4].match.paths[4]", false, "/shop.v2.Shop/GetItem"),
                new RoutePaths.Entry("routes[4].match.paths[5]", false, "/files/shop.v2.Shop/*"),
                new RoutePaths.Entry("routes[4].match.paths[6]", false, "/v1.0/{id}"),
                new RoutePaths.Entry("routes[4].match.paths[7]", true, "/"),
                new RoutePaths.Entry("routes[4].match.paths[8]", false, "/grpc.health.v1.Health/*")))))
                .containsExactly(
                        new ConfigException.Problem("routes[4].match.paths[2]", "'/shop.v1.Shops/**' is the gRPC path"
                                + " of service shop.v1.Shops, which is not in the route's services or schema"
                                + " (shop.v1.Shop); no call on it could be answered"),
                        new ConfigException.Problem("routes[4].match.paths[4]", "'/shop.v2.Shop/GetItem' is the gRPC"
                                + " path of service shop.v2.Shop, which is not in the route's services or schema"
                                + " (shop.v1.Shop); no call on it could be answered"));
        assertThat(problems("""
                upstream: shop
                schema: { protos: { roots: [ protos ], files: [ shop/v1/shop.proto ] } }
                """, new Paths(List.of(new RoutePaths.Entry("routes[0].match.prefix", true, "/shop.v1.Shopping")))))
                .extracting(ConfigException.Problem::path).containsExactly("routes[0].match.prefix");
    }

    private List<ConfigException.Problem> problems(String yaml, RoutePaths paths) {
        try {
            new GrpcTranslatorFactory().create(new YAMLMapper().readTree(yaml), new RouteTestContext("shop", dir, paths)).close();
        } catch (ConfigException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected the section to be refused");
    }

    /** Only the entries matter here: the grpc translator checks the gRPC paths among them. */
    private record Paths(List<Entry> entries) implements RoutePaths {
        @Override
        public boolean matches(String path) {
            return true;
        }
    }
}
