package org.jesdb.chaos;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jesdb.chaos.history.LogEntry;

/** Waits for nodes to hold the same log after a run, then hands every node's log to the checker. */
public final class Convergence {

    private Convergence() {
    }

    /**
     * Every node's whole log (local reads), once all are equal, or as they are when {@code wait}
     * runs out: then the checker reports where they differ. A read that fails (a node still busy
     * catching up, a timeout on a loaded machine) is tried again until then.
     */
    public static Map<String, List<LogEntry>> logs(Map<String, NodeApi> nodes, Duration wait)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Map<String, List<LogEntry>> logs;
            try {
                logs = readAll(nodes);
            } catch (IOException notNow) {
                if (System.nanoTime() > deadline) {
                    throw notNow;
                }
                Thread.sleep(1_000);
                continue;
            }
            if (logs.values().stream().distinct().count() == 1 || System.nanoTime() > deadline) {
                return logs;
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, List<LogEntry>> readAll(Map<String, NodeApi> nodes) throws IOException, InterruptedException {
        Map<String, List<LogEntry>> logs = new LinkedHashMap<>();
        for (Map.Entry<String, NodeApi> node : nodes.entrySet()) {
            logs.put(node.getKey(), node.getValue().readAllLocal());
        }
        return logs;
    }
}
