package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jesdb.chaos.ChaosCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The long fault run (Maven profile {@code faults}): {@code jesdb.chaos.runs} times (default 1),
 * three fresh nodes started by scripts/local-cluster.sh in network namespaces and under moved
 * clocks, then {@code jesdb-chaos} kills, pauses, cuts off and skews the clocks of random nodes
 * ({@code jesdb.chaos.faults}, default KILL,PAUSE,PARTITION,SKEW) for {@code jesdb.chaos.seconds}
 * (default 300), or until the writers and the reader have made {@code jesdb.chaos.operations}
 * calls (default 0: the whole time); the history checker must find nothing lost, duplicated or
 * out of order on any node, and a run that has not made its operations by then fails. Security
 * is on: the script makes the admin's password, and jesdb-chaos signs in with it.
 */
@Tag("faults")
class ChaosIT {
    private final Path root = Path.of(System.getProperty("jesdb.it.dir"), "chaos-" + UUID.randomUUID());
    private final Path script = Path.of(System.getProperty("jesdb.repo"), "scripts", "local-cluster.sh");
    private Path home;

    @AfterEach
    void stopCluster() throws Exception {
        if (home != null) {
            cluster("stop");
        }
    }

    @Test
    void aClusterUnderKillsPausesPartitionsAndClockJumpsLosesNothing() throws Exception {
        int runs = Integer.getInteger("jesdb.chaos.runs", 1);
        for (int run = 1; run <= runs; run++) {
            home = root.resolve("run-" + run);
            Files.createDirectories(home);
            assertThat(cluster("start", "3")).isZero();
            // Security is on: the script gave the members an admin password, kept for the owner only,
            // and jesdb-chaos signs in with it (a wrong one would stop the run with exit code 2).
            assertThat(Files.getPosixFilePermissions(home.resolve("admin-password")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            int exit = new CommandLine(new ChaosCommand()).execute("--home", home.toString(), "--script", script.toString(),
                    "--duration", System.getProperty("jesdb.chaos.seconds", "300"), "--writers", "4",
                    "--operations", System.getProperty("jesdb.chaos.operations", "0"), "--faults",
                    System.getProperty("jesdb.chaos.faults", "KILL,PAUSE,PARTITION,SKEW"));

            assertThat(exit).as("jesdb-chaos's verdict of run %d of %d (printed above)", run, runs).isZero();
            System.out.printf("chaos: run %d of %d passed%n", run, runs);
            assertThat(cluster("stop")).isZero();
            home = null;
        }
    }

    private int cluster(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = script.toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("JESDB_CLUSTER_HOME", home.toString());
        builder.environment().put("JESDB_JAR", System.getProperty("jesdb.jar"));
        builder.environment().put("JESDB_CLUSTER_NETNS", "1");
        builder.environment().put("JESDB_CLUSTER_SKEW", "1");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
