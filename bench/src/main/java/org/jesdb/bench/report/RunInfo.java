package org.jesdb.bench.report;

import java.util.List;

/**
 * What the report says about the run itself: how it was started, when, on which commit and
 * machine, with which settings, and the peer's state.
 */
public record RunInfo(String command, String date, String runTime, String commit, List<String> machine,
                      String settings, String peer) {
    public RunInfo {
        machine = List.copyOf(machine);
    }
}
