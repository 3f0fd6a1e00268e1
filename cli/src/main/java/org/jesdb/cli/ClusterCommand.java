package org.jesdb.cli;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jesdb.client.ClusterView;
import org.jesdb.client.JesdbClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jesdb cluster status}: the cluster as one node sees it, as a table for a person or as JSON. */
@Command(name = "cluster", description = "The cluster's members and leader.")
final class ClusterCommand implements Runnable {

    @ParentCommand
    JesdbCommand jesdb;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    @Command(name = "status", description = "The answering node, the leader, the Raft indexes, each member's role and lag.")
    int status(@Option(names = "--json", description = "As one JSON object") boolean json) {
        ClusterView view;
        try (JesdbClient client = jesdb.connect()) {
            view = client.clusterView();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(view) + "\n" : table(view));
        out.flush();
        return 0;
    }

    static String table(ClusterView view) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MEMBER", "ROLE", "MATCH INDEX", "LAG", "RAFT ADDRESS"});
        for (ClusterView.Member member : view.members()) {
            rows.add(new String[] {member.id(), member.role(), known(member.matchIndex()), known(member.lag()), member.raftAddress()});
        }
        return "node:     " + view.node() + "\n"
                + "leader:   " + (view.leader() == null ? "(none)" : view.leader()) + "\n"
                + "indexes:  commit " + view.commitIndex() + ", applied " + view.appliedIndex() + "\n"
                + "waiting:  " + (view.waiting().isEmpty() ? "(none)" : String.join(", ", view.waiting())) + "\n\n"
                + columns(rows);
    }

    /** -1 is how a follower says it does not know. */
    private static String known(long value) {
        return value < 0 ? "?" : Long.toString(value);
    }

    private static String columns(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String json(ClusterView view) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        for (ClusterView.Member member : view.members()) {
            members.add(Json.createObjectBuilder().add("id", member.id()).add("raftAddress", member.raftAddress())
                    .add("role", member.role()).add("matchIndex", member.matchIndex()).add("lag", member.lag()));
        }
        return Json.createObjectBuilder().add("node", view.node())
                .add("leader", view.leader() == null ? JsonValue.NULL : Json.createValue(view.leader()))
                .add("commitIndex", view.commitIndex()).add("appliedIndex", view.appliedIndex())
                .add("members", members).add("waiting", Json.createArrayBuilder(view.waiting()))
                .build().toString();
    }
}
