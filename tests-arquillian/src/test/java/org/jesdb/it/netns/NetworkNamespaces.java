package org.jesdb.it.netns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces made for one test, so that links between nodes can be cut (nothing leaves
 * the machine: the namespaces have no route out). Node {@code i} (1..n) lives in its own
 * namespace with two interfaces:
 * <ul>
 *   <li>a cluster link, {@code 10.213.0.i/24} on a bridge shared by all nodes: Raft and Hazelcast
 *       go here, and {@link #cut}/{@link #heal} take it down and up;</li>
 *   <li>a test link, {@code 10.214.i.2/30}, a pair with the host ({@code 10.214.i.1}): the test
 *       reaches the node's HTTP API here, also while its cluster link is cut.</li>
 * </ul>
 * Needs root (CAP_NET_ADMIN) and iproute2's {@code ip}.
 */
public final class NetworkNamespaces implements AutoCloseable {
    /** Where {@code ip netns exec} finds the files it mounts over /etc for a namespace. */
    private static final Path ETC_NETNS = Path.of("/etc/netns");

    private final String tag = Integer.toString(ThreadLocalRandom.current().nextInt(1000, 10_000));
    private final int nodes;
    private final List<String> created = new ArrayList<>();
    private boolean bridged;
    /** The /etc/netns folders written by {@link #nameHosts} (and /etc/netns itself, when made here), removed by {@link #close}. */
    private final List<Path> etcFolders = new ArrayList<>();

    private NetworkNamespaces(int nodes) {
        this.nodes = nodes;
    }

    /** Creates the bridge and {@code nodes} namespaces, each with its two links up. */
    public static NetworkNamespaces create(int nodes) throws IOException, InterruptedException {
        NetworkNamespaces spaces = new NetworkNamespaces(nodes);
        try {
            spaces.build();
        } catch (IOException | InterruptedException | RuntimeException e) {
            spaces.close();
            throw e;
        }
        return spaces;
    }

    private void build() throws IOException, InterruptedException {
        ip("link", "add", bridge(), "type", "bridge");
        bridged = true;
        ip("link", "set", bridge(), "up");
        for (int i = 1; i <= nodes; i++) {
            String ns = namespace(i);
            ip("netns", "add", ns);
            created.add(ns);
            ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
            // cluster link: one end on the bridge, the other in the namespace
            ip("link", "add", clusterLink(i), "type", "veth", "peer", "name", "jc" + tag + "p" + i);
            ip("link", "set", "jc" + tag + "p" + i, "netns", ns);
            ip("link", "set", clusterLink(i), "master", bridge());
            ip("link", "set", clusterLink(i), "up");
            ip("netns", "exec", ns, "ip", "addr", "add", clusterAddress(i) + "/24", "dev", "jc" + tag + "p" + i);
            ip("netns", "exec", ns, "ip", "link", "set", "jc" + tag + "p" + i, "up");
            // test link: a pair between the host and the namespace
            ip("link", "add", "jt" + tag + "h" + i, "type", "veth", "peer", "name", "jt" + tag + "p" + i);
            ip("link", "set", "jt" + tag + "p" + i, "netns", ns);
            ip("addr", "add", "10.214." + i + ".1/30", "dev", "jt" + tag + "h" + i);
            ip("link", "set", "jt" + tag + "h" + i, "up");
            ip("netns", "exec", ns, "ip", "addr", "add", testAddress(i) + "/30", "dev", "jt" + tag + "p" + i);
            ip("netns", "exec", ns, "ip", "link", "set", "jt" + tag + "p" + i, "up");
        }
    }

    /**
     * Gives each namespace a hosts file of its own, as a container has: {@code names.get(i - 1)}
     * is node i's cluster address in every namespace, and this machine's host name (which
     * {@code hostname} answers inside a namespace too) is the namespace's own address, as a
     * container's name is in its hosts file. {@code ip netns exec} mounts
     * /etc/netns/&lt;namespace&gt;/hosts over /etc/hosts for what it runs.
     */
    public void nameHosts(List<String> names) throws IOException {
        if (names.size() != nodes) {
            throw new IllegalArgumentException(nodes + " namespaces, " + names.size() + " names: " + names);
        }
        String machine = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        if (!Files.isDirectory(ETC_NETNS)) {
            Files.createDirectory(ETC_NETNS);
            etcFolders.add(ETC_NETNS);
        }
        for (int i = 1; i <= nodes; i++) {
            StringBuilder hosts = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
            for (int n = 1; n <= nodes; n++) {
                hosts.append(clusterAddress(n)).append('\t').append(names.get(n - 1));
                hosts.append(n == i && !names.contains(machine) ? " " + machine : "").append('\n');
            }
            Path folder = ETC_NETNS.resolve(namespace(i));
            Files.createDirectories(folder);
            etcFolders.add(folder);
            Files.writeString(folder.resolve("hosts"), hosts);
        }
    }

    /** The command prefix that runs a program inside node {@code i}'s namespace. */
    public List<String> inside(int i) {
        return List.of("ip", "netns", "exec", namespace(i));
    }

    /** Node {@code i}'s address on the cluster link. */
    public static String clusterAddress(int i) {
        return "10.213.0." + i;
    }

    /** Node {@code i}'s address on its test link, where the test reaches it. */
    public static String testAddress(int i) {
        return "10.214." + i + ".2";
    }

    /** Cuts node {@code i} off from every other node (its test link stays up). */
    public void cut(int i) throws IOException, InterruptedException {
        ip("link", "set", clusterLink(i), "down");
    }

    public void heal(int i) throws IOException, InterruptedException {
        ip("link", "set", clusterLink(i), "up");
    }

    private String namespace(int i) {
        return "jesdb" + tag + "n" + i;
    }

    private String bridge() {
        return "jb" + tag;
    }

    private String clusterLink(int i) {
        return "jc" + tag + "h" + i;
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (network namespaces need root): " + output);
        }
    }

    /** Deletes the namespaces, the links and the bridge; each step is tried even if one before failed. */
    @Override
    public void close() {
        for (String ns : created) {
            quietly("netns", "del", ns);
        }
        created.clear();
        for (int i = 1; i <= nodes; i++) {
            quietly("link", "del", "jt" + tag + "h" + i);
            quietly("link", "del", clusterLink(i));
        }
        if (bridged) {
            quietly("link", "del", bridge());
            bridged = false;
        }
        // The namespaces' folders first, then /etc/netns if it was made here and nobody else uses it.
        UncheckedIOException failed = null;
        for (int f = etcFolders.size() - 1; f >= 0; f--) {
            try {
                delete(etcFolders.get(f));
            } catch (UncheckedIOException e) {
                failed = failed == null ? e : failed;
            }
        }
        etcFolders.clear();
        if (failed != null) {
            throw failed;
        }
    }

    private static void delete(Path folder) {
        try {
            if (folder.equals(ETC_NETNS)) {
                Files.deleteIfExists(folder);
                return;
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (NoSuchFileException | DirectoryNotEmptyException goneOrShared) {
            // already gone, or /etc/netns holds another namespace's files
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + folder, e);
        }
    }

    private static void quietly(String... args) {
        try {
            ip(args);
        } catch (IOException gone) {
            // already gone with its namespace
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
