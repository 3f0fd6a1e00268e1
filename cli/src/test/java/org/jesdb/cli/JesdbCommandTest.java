package org.jesdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jesdb.client.ClusterView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line without a server: usage errors, input errors, how errors are printed. */
class JesdbCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aMalformedLineStopsTheAppendBeforeAnyNodeIsAsked() throws IOException {
        Path events = Files.writeString(dir.resolve("events.ndjson"), "{\"type\":\"A\",\"data\":{}}\n\n{\"type\":\"B\",\"data\":{\n");

        // A node asked would answer no-node-available: the input error comes first.
        assertThat(run("--node", nowhere(), "--timeout", "1", "append", "s", "--file", events.toString())).isEqualTo(1);
        assertThat(err.toString()).startsWith("jesdb: line 3: not JSON");
    }

    @Test
    void aUserNeedsItsPasswordFromTheEnvironment() throws IOException {
        assertThat(System.getenv("JESDB_PASSWORD")).as("this test needs JESDB_PASSWORD unset").isNull();
        assertThat(System.getenv("JESDB_TOKEN")).as("this test needs JESDB_TOKEN unset").isNull();
        assertThat(run("--node", nowhere(), "--user", "alice", "read", "s")).isEqualTo(2);
        assertThat(err.toString()).contains("--user alice needs its password in $JESDB_PASSWORD");
        assertThat(run("--node", nowhere(), "--token", "abc", "read", "s")).as("no token on the command line").isEqualTo(2);
    }

    @Test
    void anEmptyUserCountsAsNoUser() throws IOException {
        assertThat(System.getenv("JESDB_PASSWORD")).as("this test needs JESDB_PASSWORD unset").isNull();

        // no password is asked for: the call is made (and finds no node) instead of a usage error
        assertThat(run("--node", nowhere(), "--timeout", "1", "--user", "", "read", "s")).isEqualTo(1);
        assertThat(err.toString()).startsWith("jesdb: no-node-available");
    }

    @Test
    void everySubcommandHasHelp() {
        assertThat(run("snapshot", "list", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: jesdb snapshot list", "--after");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aWrongExpectedVersionWordIsAUsageError() {
        assertThat(run("append", "s", "--expected-version", "latest")).isEqualTo(2);
        assertThat(err.toString()).contains("'latest' is not any, no_stream, stream_exists or a version number >= 0");
    }

    @Test
    void withoutASubcommandTheUsageIsShown() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("snapshot")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand", "Usage: jesdb");
    }

    @Test
    void aStoreErrorIsOneLineWithItsTypeAndExitCode1() throws IOException {
        String node = nowhere();

        // The shared options are accepted after the subcommand too.
        assertThat(run("read", "order-7", "--node", node, "--timeout", "1")).isEqualTo(1);
        assertThat(err.toString()).startsWith("jesdb: no-node-available: node " + node + " cannot be reached")
                .doesNotContain("\tat ");
    }

    @Test
    void anImportWhoseStreamStartsLateIsRefusedWithTheStreamAndLine() throws IOException {
        Path export = Files.writeString(dir.resolve("export.ndjson"), "{\"id\":\"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b\","
                + "\"type\":\"A\",\"stream\":\"order-7\",\"version\":3,\"position\":9,\"data\":{}}\n");

        assertThat(run("--node", nowhere(), "--timeout", "1", "import", "--in", export.toString(), "--no-progress")).isEqualTo(1);
        assertThat(err.toString()).contains("imported 0 events of 0 streams")
                .contains("jesdb: line 1: stream 'order-7' starts at version 3");
    }

    @Test
    void aCaCertificateThatCannotBeReadIsAUsageErrorNamingTheFile() throws IOException {
        Path absent = dir.resolve("node.crt");
        assertThat(run("--node", "https://127.0.0.1:8443", "--cacert", absent.toString(), "read", "s")).isEqualTo(2);
        assertThat(err.toString()).contains("--cacert: cannot read the certificate file " + absent);

        Path notACertificate = Files.writeString(dir.resolve("text.crt"), "not a certificate");
        assertThat(run("--node", "https://127.0.0.1:8443", "--cacert", notACertificate.toString(), "read", "s")).isEqualTo(2);
        assertThat(err.toString()).contains(notACertificate + " holds no certificate");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        assertThat(run("--node", nowhere(), "append", "s", "--file", dir.resolve("absent").toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualToIgnoringNewLines("jesdb: no such file: " + dir.resolve("absent"));
    }

    @Test
    void theClusterIsATableWithAColumnPerMemberFact() {
        ClusterView view = new ClusterView("node-1", "node-1", 42, 41, List.of(
                new ClusterView.Member("node-1", "127.0.0.1:6001", "LEADER", 42, 0),
                new ClusterView.Member("node-22", "127.0.0.1:6002", "FOLLOWER", -1, -1)), List.of("node-4"));

        assertThat(ClusterCommand.table(view)).isEqualTo("""
                node:     node-1
                leader:   node-1
                indexes:  commit 42, applied 41
                waiting:  node-4

                MEMBER   ROLE      MATCH INDEX  LAG  RAFT ADDRESS
                node-1   LEADER    42           0    127.0.0.1:6001
                node-22  FOLLOWER  ?            ?    127.0.0.1:6002
                """);
    }

    private int run(String... args) {
        return new CommandLine(new JesdbCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    /** A port nothing listens on. */
    private static String nowhere() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
