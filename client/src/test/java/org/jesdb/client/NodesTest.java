package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which node a call goes to: the leader when known and up, others in turn, unreachable ones passed over. */
class NodesTest {
    private final Nodes nodes = new Nodes(List.of(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:2"),
            URI.create("http://127.0.0.1:3")));

    @Test
    void writesFollowTheLeaderUntilItCannotBeReached() {
        nodes.learned(0, "n1", null);
        nodes.learned(1, "n2", null);
        nodes.learned(2, "n3", "n3");
        assertThat(nodes.forWrite()).isEqualTo(2);

        nodes.unreachable(2);
        // The leader is forgotten with it, and a follower that still names it does not send the call back there.
        assertThat(nodes.forWrite()).isNotEqualTo(2);
        assertThat(nodes.after(0, "n3")).isEqualTo(1);

        nodes.learnedLeader("n2");
        assertThat(nodes.forWrite()).isEqualTo(1);
        assertThat(nodes.after(0, "n2")).isEqualTo(1);
    }

    @Test
    void readsGoRoundAndPassOverUnreachableNodes() {
        assertThat(List.of(nodes.forRead(), nodes.forRead(), nodes.forRead())).containsExactly(0, 1, 2);
        nodes.unreachable(1);
        assertThat(List.of(nodes.forRead(), nodes.forRead(), nodes.forRead())).containsExactly(0, 2, 2);
        nodes.reachable(1);
        assertThat(nodes.forRead()).isEqualTo(0);
        assertThat(nodes.forRead()).isEqualTo(1);
    }
}
