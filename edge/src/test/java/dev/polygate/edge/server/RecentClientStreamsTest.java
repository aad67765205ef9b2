package dev.polygate.edge.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bits kept of recent client streams, beyond what h2spec's short connections reach. */
class RecentClientStreamsTest {
    @Test
    void skippedIdentifiersWereNeverOpened() {
        RecentClientStreams recent = new RecentClientStreams();
        recent.opened(1);
        recent.opened(7);
        assertThat(recent.wasOpened(1)).isTrue();
        assertThat(recent.wasOpened(3)).isFalse();
        assertThat(recent.wasOpened(5)).isFalse();
        assertThat(recent.wasOpened(7)).isTrue();
        assertThat(recent.remembers(9)).isFalse(); // not opened yet: idle, the codec's business
    }

    @Test
    void endedOnlyOnceTheClientEndedIt() {
        RecentClientStreams recent = new RecentClientStreams();
        recent.opened(1);
        recent.opened(3);
        recent.ended(3);
        assertThat(recent.endedByClient(1)).isFalse();
        assertThat(recent.endedByClient(3)).isTrue();
    }

    @Test
    void oldIdentifiersAreForgottenAndTheirSlotsReused() {
        RecentClientStreams recent = new RecentClientStreams();
        recent.opened(1);
        recent.ended(1);
        for (int id = 3; id <= 2049; id += 2) {
            recent.opened(id);
        }
        // 1 and 2049 share a slot: 2049 was opened but not ended, and 1 is no longer known at all.
        assertThat(recent.remembers(1)).isFalse();
        assertThat(recent.endedByClient(2049)).isFalse();
        assertThat(recent.wasOpened(2049)).isTrue();
        assertThat(recent.wasOpened(3)).isTrue();
        // A jump far ahead skips everything in between, stale slots included.
        recent.opened(1_000_001);
        assertThat(recent.wasOpened(999_999)).isFalse();
        assertThat(recent.wasOpened(1_000_001 - 2 * 1023)).isFalse();
        assertThat(recent.remembers(2049)).isFalse();
    }
}
