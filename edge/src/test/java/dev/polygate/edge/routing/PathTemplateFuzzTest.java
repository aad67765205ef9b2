package dev.polygate.edge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.polygate.spi.GatewayException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Path templates, prefixes and rewrites from configuration, against request paths. The input is up to four lines:
 * pattern, request path, rewrite template, query. A pattern or rewrite is either accepted or refused with
 * IllegalArgumentException; matching never throws; what a pattern captures is whole segments of the path; a rewrite
 * accepted at load time expands without error into a path already in normal form. Anything else is a crash.
 */
class PathTemplateFuzzTest {

    @FuzzTest(maxDuration = "3s")
    void templatesMatchAndRewriteConsistently(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 4);
        String patternText = lines[0];
        String rawPath = lines.length > 1 ? lines[1] : patternText;
        String rewrite = lines.length > 2 ? lines[2] : null;
        String query = lines.length > 3 ? lines[3] : null;

        String path;
        try {
            path = PathNormalizer.normalize(rawPath);
        } catch (GatewayException e) {
            return;
        }
        PathPattern template = compiled(() -> PathPattern.template(patternText));
        PathPattern prefix = compiled(() -> PathPattern.prefix(patternText));
        for (PathPattern pattern : new PathPattern[] {template, prefix}) {
            if (pattern == null) {
                continue;
            }
            assertThat(pattern.matchesSamePathsAs(pattern)).isTrue();
            Optional<PathMatch> match = pattern.match(path);
            if (match.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> variable : match.get().variables().entrySet()) {
                assertThat(variable.getValue()).as("capture %s of %s", variable.getKey(), path).isNotNull();
                assertThat(path).contains(variable.getValue());
            }
            assertThat(match.get().rest()).doesNotStartWith("/");
            assertThat(path).endsWith(match.get().rest());
            checkRewrite(pattern, match.get(), path, rewrite, query);
        }
    }

    private static void checkRewrite(PathPattern pattern, PathMatch match, String path, String rewrite, String query) {
        if (rewrite == null) {
            return;
        }
        try {
            PathRewriter.validate(rewrite, pattern);
        } catch (IllegalArgumentException e) {
            return;
        }
        RouteRule<String> rule = new RouteRule<>("fuzz", HostPattern.parse("*"), List.of(pattern), Set.of(),
                Map.of(), "target");
        RouteTable<String> table = RouteTable.of(List.of(rule));
        assertThat(table.match("example.test", path, "GET", new DefaultHttpHeaders())).isPresent();
        String rewritten = PathRewriter.rewrite(path, query, new RouteMatch<>(rule, match), null, rewrite);
        int q = query == null || query.isEmpty() ? -1 : rewritten.length() - query.length() - 1;
        String rewrittenPath = q < 0 ? rewritten : rewritten.substring(0, q);
        assertThat(PathNormalizer.normalize(rewrittenPath)).as("rewrite of %s by %s", path, rewrite)
                .isEqualTo(rewrittenPath);
    }

    private static PathPattern compiled(java.util.function.Supplier<PathPattern> compiler) {
        try {
            return compiler.get();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
