package dev.polygate.edge.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPatternTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"*", " * "})
    void anyMatchesEveryHostIncludingNone(String pattern) {
        HostPattern any = HostPattern.parse(pattern);
        assertThat(any.matches("example.com")).isTrue();
        assertThat(any.matches("[::1]:8443")).isTrue();
        assertThat(any.matches(null)).isTrue();
        assertThat(any.specificity()).isZero();
        assertThat(any).hasToString("*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "EXAMPLE.com", "example.com:8443", "Example.Com:443", "example.com.",
            "example.com.:8443"})
    void exactMatchesIgnoringCasePortAndTrailingDot(String host) {
        assertThat(HostPattern.parse("Example.COM").matches(host)).isTrue();
        assertThat(HostPattern.parse("example.com.").matches(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"www.example.com", "example.co", "xexample.com", "example.com.evil", "",
            "example.com:8443:1"})
    void exactRejectsOtherHosts(String host) {
        assertThat(HostPattern.parse("example.com").matches(host)).isFalse();
    }

    @Test
    void exactRejectsMissingHost() {
        assertThat(HostPattern.parse("example.com").matches(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.example.com", "A.B.Example.COM", "api.example.com:8443", "x.example.com."})
    void wildcardMatchesOneOrMoreLabels(String host) {
        assertThat(HostPattern.parse("*.example.com").matches(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.com:443", ".example.com", "a..example.com", "aexample.com",
            "a.example.org", "a.example.com.evil"})
    void wildcardRejectsTheApexAndLookAlikes(String host) {
        assertThat(HostPattern.parse("*.example.com").matches(host)).isFalse();
    }

    @Test
    void ipv6LiteralsMatchWithOrWithoutPort() {
        HostPattern loopback = HostPattern.parse("[::1]");
        assertThat(loopback.matches("[::1]")).isTrue();
        assertThat(loopback.matches("[::1]:8443")).isTrue();
        assertThat(loopback.matches("[::2]:8443")).isFalse();
        assertThat(loopback.matches("::1")).isFalse();
        assertThat(HostPattern.parse("2001:DB8::1").matches("[2001:db8::1]:443")).isTrue();
    }

    @Test
    void ipv4LiteralsMatchWithPort() {
        assertThat(HostPattern.parse("10.0.0.1").matches("10.0.0.1:8080")).isTrue();
        assertThat(HostPattern.parse("10.0.0.1").matches("10.0.0.10")).isFalse();
    }

    @Test
    void specificityOrdersExactOverWildcardOverAny() {
        int exact = HostPattern.parse("api.example.com").specificity();
        int longWildcard = HostPattern.parse("*.api.example.com").specificity();
        int shortWildcard = HostPattern.parse("*.example.com").specificity();
        int any = HostPattern.parse("*").specificity();
        assertThat(exact).isGreaterThan(longWildcard);
        assertThat(longWildcard).isGreaterThan(shortWildcard);
        assertThat(shortWildcard).isGreaterThan(any);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com:8443", "*example.com", "a.*.example.com", "*.", "*.*.com", "exa mple.com",
            "[::1", "api/x", "..com", "*..com"})
    void rejectsMalformedPatterns(String pattern) {
        assertThatThrownBy(() -> HostPattern.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern);
    }

    @Test
    void equalityFollowsTheNormalisedPattern() {
        assertThat(HostPattern.parse("Example.com.")).isEqualTo(HostPattern.parse("example.com"))
                .hasSameHashCodeAs(HostPattern.parse("example.com"));
        assertThat(HostPattern.parse("*.Example.com")).hasToString("*.example.com");
    }
}
