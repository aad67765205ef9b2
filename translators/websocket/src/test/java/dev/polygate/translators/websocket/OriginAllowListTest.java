package dev.polygate.translators.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginAllowListTest {
    @Test
    void exactWildcardAndAnyOrigins() {
        OriginAllowList list = new OriginAllowList(List.of("https://app.example.com", "https://*.example.org"));
        assertThat(list.allows("https://app.example.com")).isTrue();
        assertThat(list.allows("HTTPS://APP.EXAMPLE.COM")).isTrue();
        assertThat(list.allows("https://a.b.example.org")).isTrue();
        assertThat(list.allows("https://example.org")).isFalse();
        assertThat(list.allows("https://evilexample.org")).isFalse();
        assertThat(list.allows("http://app.example.com")).isFalse();
        assertThat(list.allows(null)).as("not a browser").isTrue();
        assertThat(OriginAllowList.ANY.allows("https://anything")).isTrue();
    }

    @Test
    void patternsThatAreNoOriginsAreRefused() {
        assertThatThrownBy(() -> OriginAllowList.check("app.example.com")).hasMessageContaining("no origin");
        assertThatThrownBy(() -> OriginAllowList.check("https://app.example.com/")).hasMessageContaining("no origin");
        assertThatThrownBy(() -> OriginAllowList.check("https://app*.example.com")).hasMessageContaining("no origin");
    }
}
