package org.jesdb.it;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jesdb.chaos.Convergence;
import org.jesdb.chaos.NodeApi;
import org.jesdb.chaos.history.History;
import org.jesdb.chaos.history.HistoryChecker;
import org.jesdb.chaos.history.Verdict;

/** The chaos tool's view of nodes started by a test, and the history checker's verdict on them. */
final class CheckedHistory {
    private CheckedHistory() {
    }

    /** The nodes as the chaos tool's writers and reader reach them (every call with a 10 s timeout). */
    static List<NodeApi> apis(List<NodeProcess> nodes) {
        return nodes.stream().map(node -> new NodeApi(URI.create("http://127.0.0.1:" + node.port + "/"), Duration.ofSeconds(10),
                new org.jesdb.chaos.Credentials(TestAdmin.NAME, TestAdmin.PASSWORD)))
                .toList();
    }

    /** Waits up to 60 s for the members' logs to agree, then judges them against {@code history}. */
    static Verdict verdict(History history, List<NodeProcess> nodes) throws IOException, InterruptedException {
        Map<String, NodeApi> named = new LinkedHashMap<>();
        List<NodeApi> apis = apis(nodes);
        for (int i = 0; i < apis.size(); i++) {
            named.put("n" + (i + 1), apis.get(i));
        }
        return HistoryChecker.check(history, Convergence.logs(named, Duration.ofSeconds(60)));
    }
}
