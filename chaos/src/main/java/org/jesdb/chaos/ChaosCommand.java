package org.jesdb.chaos;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jesdb.chaos.history.History;
import org.jesdb.chaos.history.HistoryChecker;
import org.jesdb.chaos.history.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jesdb-chaos}: while writers and a reader run against a local cluster (started with
 * scripts/local-cluster.sh), kills or pauses a random node now and then; at the end brings every
 * node back, waits until they agree, and judges the history. Exit code 0 for PASS, 1 for FAIL,
 * 2 when the run could not be made, 3 for a PASS short of the operations asked for. Every call
 * signs in (security is on by default): as {@code --user} with $JESDB_PASSWORD, else as the
 * admin with the password the script keeps in the cluster's folder.
 */
@Command(name = "jesdb-chaos", mixinStandardHelpOptions = true,
        description = "Fault injection against a local JESDB cluster, then a verdict on the history.")
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--home", description = "The cluster's folder (as JESDB_CLUSTER_HOME). Default: ./cluster")
    Path home = Path.of("cluster");

    @Option(names = "--script", description = "The cluster script. Default: scripts/local-cluster.sh")
    Path script = Path.of("scripts", "local-cluster.sh");

    @Option(names = "--duration", description = "Seconds of faults and load, 10..1800. Default: 60")
    int seconds = 60;

    @Option(names = "--writers", description = "Concurrent writers, 1..32. Default: 4")
    int writers = 4;

    @Option(names = "--operations", description = "End the run once the writers and the reader have made this many "
            + "calls (appends and reads), 0..10000000; a run that reaches --duration first fails with exit code 3. "
            + "Default: 0 (the run lasts --duration)")
    int operations;

    @Option(names = "--faults", split = ",", description = "What may happen to a node: KILL, PAUSE, PARTITION, SKEW. "
            + "Default: KILL and PAUSE, PARTITION when the cluster runs in network namespaces, SKEW when it runs "
            + "under moved clocks (the script's skew mode)")
    List<Faults.Kind> kinds;

    @Option(names = "--seed", description = "Seed of the random choices (printed, to repeat a run)")
    Long seed;

    @Option(names = "--user", paramLabel = "NAME", defaultValue = "${env:JESDB_USER:-admin}",
            description = "Sign in as this user (HTTP Basic), who may read and write every stream. The password is read "
                    + "from $JESDB_PASSWORD, else (for admin) from the file admin-password in --home, which "
                    + "scripts/local-cluster.sh writes; never from the command line. Default: $JESDB_USER, else admin")
    String user;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChaosCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        boolean namespaces = Files.exists(home.resolve("netns"));
        boolean clocks = Files.exists(home.resolve("clockskew.so"));
        if (kinds == null) {
            kinds = defaultKinds(namespaces, clocks);
        }
        if (kinds.contains(Faults.Kind.PARTITION) && !namespaces) {
            System.err.println("jesdb-chaos: PARTITION needs a cluster in network namespaces (JESDB_CLUSTER_NETNS=1 ... start)");
            return 2;
        }
        if (kinds.contains(Faults.Kind.SKEW) && !clocks) {
            System.err.println("jesdb-chaos: SKEW needs a cluster under moved clocks (JESDB_CLUSTER_SKEW=1 ... start)");
            return 2;
        }
        if (seconds < 10 || seconds > 1800 || writers < 1 || writers > 32 || operations < 0 || operations > 10_000_000
                || kinds.isEmpty()) {
            System.err.println("jesdb-chaos: --duration must be 10..1800, --writers 1..32, --operations 0..10000000, "
                    + "--faults not empty");
            return 2;
        }
        List<Integer> ids = nodeNumbers();
        if (ids.size() < 3) {
            System.err.println("jesdb-chaos: " + home + " holds " + ids.size() + " nodes; start 3 or 5 with scripts/local-cluster.sh");
            return 2;
        }
        Credentials credentials;
        try {
            credentials = Credentials.resolve(user, System.getenv(), home);
        } catch (IllegalStateException | IllegalArgumentException noPassword) {
            System.err.println("jesdb-chaos: " + noPassword.getMessage());
            return 2;
        }
        List<NodeApi> nodes = new ArrayList<>();
        ids.forEach(i -> nodes.add(new NodeApi(URI.create("http://127.0.0.1:" + (8080 + i) + "/"), Duration.ofSeconds(10),
                credentials)));
        if (!awaitReady(nodes, Duration.ofSeconds(60))) {
            System.err.println("jesdb-chaos: not every node is ready; see scripts/local-cluster.sh status");
            return 2;
        }
        int signIn = nodes.get(0).signInStatus();
        if (signIn != 200) {
            System.err.println("jesdb-chaos: " + nodes.get(0).base() + " answered HTTP " + signIn + " to the user " + user
                    + " (wrong password, or no right to read every stream); nothing was run");
            return 2;
        }
        long usedSeed = seed == null ? System.nanoTime() : seed;
        System.out.println("chaos: " + ids.size() + " nodes, " + seconds + " s, " + writers + " writers, faults " + kinds
                + ", seed " + usedSeed);
        Verdict verdict;
        try {
            verdict = run(nodes, ids, usedSeed);
        } catch (Exception e) {
            System.err.println("jesdb-chaos: the run could not be finished: " + e.getMessage());
            return 2;
        }
        System.out.println(verdict.describe());
        if (!verdict.valid()) {
            return 1;
        }
        if (verdict.operations() < operations) {
            System.err.println("jesdb-chaos: the run reached --duration after " + verdict.operations()
                    + " operations, short of --operations " + operations);
            return 3;
        }
        return 0;
    }

    private static List<Faults.Kind> defaultKinds(boolean namespaces, boolean clocks) {
        List<Faults.Kind> defaults = new ArrayList<>(List.of(Faults.Kind.KILL, Faults.Kind.PAUSE));
        if (namespaces) {
            defaults.add(Faults.Kind.PARTITION);
        }
        if (clocks) {
            defaults.add(Faults.Kind.SKEW);
        }
        return defaults;
    }

    private Verdict run(List<NodeApi> nodes, List<Integer> ids, long usedSeed) throws Exception {
        History history = new History();
        Load load = new Load(UUID.randomUUID().toString().substring(0, 8), nodes, history, writers, 100_000);
        Faults faults = new Faults(script, home, ids, kinds, usedSeed, Duration.ofSeconds(seconds),
                () -> operations > 0 && history.operations() >= operations);
        // Ctrl-C must not leave a node paused, cut off or skewed.
        boolean cuts = kinds.contains(Faults.Kind.PARTITION);
        boolean skews = kinds.contains(Faults.Kind.SKEW);
        Thread resumeAll = new Thread(() -> ids.forEach(i -> {
            quietly(() -> faults.control("resume", i));
            if (cuts) {
                quietly(() -> faults.control("heal", i));
            }
            if (skews) {
                quietly(() -> faults.control("skew", i, "0"));
            }
        }));
        Runtime.getRuntime().addShutdownHook(resumeAll);
        load.start();
        Thread faulting = new Thread(faults, "jesdb-chaos-faults");
        faulting.start();
        faulting.join();
        load.stop(Duration.ofSeconds(60));
        bringBack(faults, nodes, ids, cuts, skews);
        Runtime.getRuntime().removeShutdownHook(resumeAll);
        Map<String, NodeApi> named = new LinkedHashMap<>();
        for (int n = 0; n < nodes.size(); n++) {
            named.put("node-" + ids.get(n), nodes.get(n));
        }
        return HistoryChecker.check(history, Convergence.logs(named, Duration.ofSeconds(120)));
    }

    /**
     * Every node back: resumed, healed, on true time, and restarted if it does not answer (a
     * restart that failed during the run).
     */
    private static void bringBack(Faults faults, List<NodeApi> nodes, List<Integer> ids, boolean cuts, boolean skews)
            throws InterruptedException {
        for (int n = 0; n < ids.size(); n++) {
            faults.control("resume", ids.get(n));
            if (cuts) {
                faults.control("heal", ids.get(n));
            }
            if (skews) {
                faults.control("skew", ids.get(n), "0");
            }
        }
        for (int n = 0; n < ids.size(); n++) {
            if (!awaitReady(List.of(nodes.get(n)), Duration.ofSeconds(20))) {
                faults.control("restart", ids.get(n));
            }
        }
        if (!awaitReady(nodes, Duration.ofSeconds(180))) {
            throw new IllegalStateException("not every node came back; see scripts/local-cluster.sh status");
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            // best effort while the tool stops
        }
    }

    private static boolean awaitReady(List<NodeApi> nodes, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!nodes.stream().allMatch(NodeApi::ready)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    /** The numbers I of the node-I folders under the home. */
    private List<Integer> nodeNumbers() throws Exception {
        List<Integer> ids = new ArrayList<>();
        if (Files.isDirectory(home)) {
            try (var folders = Files.list(home)) {
                folders.map(path -> path.getFileName().toString()).filter(name -> name.matches("node-[1-9]"))
                        .map(name -> Integer.parseInt(name.substring(5))).sorted().forEach(ids::add);
            }
        }
        return ids;
    }
}
