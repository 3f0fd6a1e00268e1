package org.jesdb.chaos.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Judges a run: the clients' {@link History} against every node's final log (the whole log is
 * compared across nodes; the other rules look at the streams the run appended to). The rules,
 * each reported as a violation when broken:
 * <ol>
 *   <li>every node holds the same log: the same events at the same positions, in the same order;</li>
 *   <li>no event id appears twice, and positions only grow;</li>
 *   <li>each stream's versions are 0, 1, 2... in log order, with no gap;</li>
 *   <li>no loss: every acknowledged append is in the log, whole, in order, ending at the version
 *       its answer gave;</li>
 *   <li>a refused append wrote nothing; an append of unknown outcome is there whole or not at all;</li>
 *   <li>an append found in the log begins right after the version it expected;</li>
 *   <li>nothing appears in the run's streams that no client sent;</li>
 *   <li>every read saw a prefix of its stream as it finally is: nothing a reader saw was lost later.</li>
 * </ol>
 */
public final class HistoryChecker {

    private HistoryChecker() {
    }

    public static Verdict check(History history, Map<String, List<LogEntry>> logs) {
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no node's log to check");
        }
        List<String> violations = new ArrayList<>();
        Map.Entry<String, List<LogEntry>> reference = logs.entrySet().iterator().next();
        sameEverywhere(reference, logs, violations);
        List<LogEntry> whole = reference.getValue();
        Map<UUID, LogEntry> byId = indexed(whole, violations);
        // The run is judged on its own streams; other streams of the store are only compared across nodes.
        List<History.Append> appends = history.appends();
        Set<String> runStreams = new HashSet<>();
        appends.forEach(append -> runStreams.add(append.stream()));
        List<LogEntry> log = whole.stream().filter(entry -> runStreams.contains(entry.stream())).toList();
        Map<String, List<LogEntry>> streams = streams(log, violations);
        appendsHonoured(appends, byId, violations);
        nothingInvented(appends, log, violations);
        readsArePrefixes(history.reads(), streams, violations);
        return new Verdict(violations, count(appends, AppendOutcome.ACKNOWLEDGED), count(appends, AppendOutcome.REFUSED),
                count(appends, AppendOutcome.UNKNOWN), history.reads().size(), log.size(), logs.size());
    }

    private static void sameEverywhere(Map.Entry<String, List<LogEntry>> reference, Map<String, List<LogEntry>> logs,
                                       List<String> violations) {
        for (Map.Entry<String, List<LogEntry>> node : logs.entrySet()) {
            List<LogEntry> mine = node.getValue();
            List<LogEntry> theirs = reference.getValue();
            for (int i = 0; i < Math.max(mine.size(), theirs.size()); i++) {
                LogEntry a = i < theirs.size() ? theirs.get(i) : null;
                LogEntry b = i < mine.size() ? mine.get(i) : null;
                if (!Objects.equals(a, b)) {
                    violations.add("node " + node.getKey() + " differs from node " + reference.getKey() + " at entry " + i
                            + ": " + b + " instead of " + a + divergence(i, node.getKey(), mine, reference.getKey(), theirs));
                    break;
                }
            }
        }
    }

    /**
     * What a reader needs to tell a lost entry from an extra one or a swap: both logs' sizes,
     * where each side's entry lies in the other log, and the entries around the first difference.
     */
    private static String divergence(int at, String mineName, List<LogEntry> mine, String theirsName, List<LogEntry> theirs) {
        StringBuilder text = new StringBuilder("\n    ").append(mineName).append(" holds ").append(mine.size())
                .append(" entries, ").append(theirsName).append(" ").append(theirs.size());
        if (at < theirs.size()) {
            text.append("; ").append(theirsName).append("'s entry is at index ").append(indexOf(mine, theirs.get(at).id()))
                    .append(" of ").append(mineName);
        }
        if (at < mine.size()) {
            text.append("; ").append(mineName).append("'s entry is at index ").append(indexOf(theirs, mine.get(at).id()))
                    .append(" of ").append(theirsName);
        }
        text.append(window(mineName, mine, at)).append(window(theirsName, theirs, at));
        return text.toString();
    }

    private static int indexOf(List<LogEntry> log, UUID id) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static String window(String name, List<LogEntry> log, int at) {
        StringBuilder text = new StringBuilder("\n    ").append(name).append(" around it:");
        for (int i = Math.max(0, at - 2); i < Math.min(log.size(), at + 4); i++) {
            text.append("\n      ").append(i).append(": ").append(log.get(i));
        }
        return text.toString();
    }

    private static Map<UUID, LogEntry> indexed(List<LogEntry> log, List<String> violations) {
        Map<UUID, LogEntry> byId = new HashMap<>();
        long lastPosition = -1;
        for (LogEntry entry : log) {
            if (byId.put(entry.id(), entry) != null) {
                violations.add("duplicate: event " + entry.id() + " appears twice (again at position " + entry.position() + ")");
            }
            if (entry.position() <= lastPosition) {
                violations.add("order: position " + entry.position() + " follows position " + lastPosition);
            }
            lastPosition = entry.position();
        }
        return byId;
    }

    private static Map<String, List<LogEntry>> streams(List<LogEntry> log, List<String> violations) {
        Map<String, List<LogEntry>> streams = new HashMap<>();
        for (LogEntry entry : log) {
            List<LogEntry> stream = streams.computeIfAbsent(entry.stream(), name -> new ArrayList<>());
            if (entry.version() != stream.size()) {
                violations.add("gap: stream " + entry.stream() + " has version " + entry.version() + " where "
                        + stream.size() + " was due (position " + entry.position() + ")");
            }
            stream.add(entry);
        }
        return streams;
    }

    private static void appendsHonoured(List<History.Append> appends, Map<UUID, LogEntry> byId, List<String> violations) {
        for (History.Append append : appends) {
            List<LogEntry> found = new ArrayList<>();
            for (UUID id : append.ids()) {
                LogEntry entry = byId.get(id);
                if (entry != null) {
                    found.add(entry);
                }
            }
            switch (append.outcome()) {
                case ACKNOWLEDGED -> acknowledgedHonoured(append, found, violations);
                case REFUSED -> {
                    if (!found.isEmpty()) {
                        violations.add("refused but written: " + found.size() + " events of a refused append to "
                                + append.stream() + " are in the log, first " + found.get(0));
                    }
                }
                case UNKNOWN -> {
                    if (!found.isEmpty() && found.size() != append.ids().size()) {
                        violations.add("torn batch: " + found.size() + " of " + append.ids().size()
                                + " events of an append to " + append.stream() + " are in the log");
                    } else if (!found.isEmpty()) {
                        inOrder(append, found, violations);
                    }
                }
                default -> throw new IllegalStateException("unknown outcome " + append.outcome());
            }
        }
    }

    private static void acknowledgedHonoured(History.Append append, List<LogEntry> found, List<String> violations) {
        if (found.size() != append.ids().size()) {
            violations.add("loss: " + (append.ids().size() - found.size()) + " of " + append.ids().size()
                    + " events of an acknowledged append to " + append.stream() + " are missing, first "
                    + append.ids().stream().filter(id -> found.stream().noneMatch(e -> e.id().equals(id))).findFirst().orElse(null));
            return;
        }
        inOrder(append, found, violations);
        long last = found.get(found.size() - 1).version();
        if (last != append.lastVersion()) {
            violations.add("version: an acknowledged append to " + append.stream() + " was answered version "
                    + append.lastVersion() + " but its last event is at version " + last);
        }
    }

    /**
     * A batch's events sit at consecutive versions of its stream, in the order sent, right after
     * the version it expected (an append that landed elsewhere broke optimistic concurrency).
     */
    private static void inOrder(History.Append append, List<LogEntry> found, List<String> violations) {
        if (append.expected() != History.ANY && found.get(0).version() != append.expected() + 1) {
            violations.add("concurrency: an append to " + append.stream() + " that expected version " + append.expected()
                    + " begins at version " + found.get(0).version());
            return;
        }
        for (int i = 0; i < found.size(); i++) {
            LogEntry entry = found.get(i);
            if (!entry.stream().equals(append.stream()) || entry.version() != found.get(0).version() + i) {
                violations.add("batch: event " + entry.id() + " of an append to " + append.stream() + " sits at "
                        + entry.stream() + "@" + entry.version() + ", out of its batch's order");
                return;
            }
        }
    }

    private static void nothingInvented(List<History.Append> appends, List<LogEntry> log, List<String> violations) {
        Set<UUID> sent = new HashSet<>();
        appends.forEach(append -> sent.addAll(append.ids()));
        for (LogEntry entry : log) {
            if (!sent.contains(entry.id())) {
                violations.add("phantom: event " + entry.id() + " at position " + entry.position() + " was never sent");
            }
        }
    }

    private static void readsArePrefixes(List<History.StreamRead> reads, Map<String, List<LogEntry>> streams,
                                         List<String> violations) {
        for (History.StreamRead read : reads) {
            List<LogEntry> stream = streams.getOrDefault(read.stream(), List.of());
            for (int version = 0; version < read.ids().size(); version++) {
                UUID seen = read.ids().get(version);
                if (version >= stream.size() || !stream.get(version).id().equals(seen)) {
                    violations.add("read lost: a read of " + read.stream() + " saw " + seen + " at version " + version
                            + ", which the final log " + (version >= stream.size() ? "does not reach" : "holds another event at"));
                    break;
                }
            }
        }
    }

    private static int count(List<History.Append> appends, AppendOutcome outcome) {
        return (int) appends.stream().filter(append -> append.outcome() == outcome).count();
    }
}
