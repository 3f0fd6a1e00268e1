package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jesdb.it.netns.NetworkNamespaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container files, as far as this machine can run them: no Docker engine runs here, so the
 * services of docker/compose-*.yaml are started as local processes through the image's entry
 * point (docker/jesdb-node.sh), each in a network namespace of its own standing for its
 * container, with a hosts file of its own in which the services' names are their namespaces'
 * addresses on a shared bridge (as Docker's DNS answers them), with the service's environment,
 * unchanged, its container port and data folder; then the Dockerfile's health check is run in
 * each. Security is on: the compose files take the admin's password from the environment (the
 * test's, {@link TestAdmin}'s), the test signs in with it, and the health checks need none. The
 * entry point's checks of its settings run without a node, and the Kubernetes StatefulSet is
 * checked against the same settings.
 */
class DockerConfigIT {
    private static final Path REPO = Path.of(System.getProperty("jesdb.repo")).toAbsolutePath().normalize();
    private static final Path DOCKER = REPO.resolve("docker");
    private static final String SECRET = "compose-test-secret-" + UUID.randomUUID();
    /** The entry point's exit status for a wrong setting. */
    private static final int BAD_SETTING = 64;

    private final List<NodeProcess> started = new ArrayList<>();
    /** The environment each service was started with, which its health check runs with too. */
    private final Map<String, Map<String, String>> environments = new HashMap<>();
    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "docker-" + UUID.randomUUID());
    private NetworkNamespaces containers;

    @AfterEach
    void stopAll() throws InterruptedException {
        try {
            for (NodeProcess node : started) {
                node.close();
            }
        } finally {
            if (containers != null) {
                containers.close();
            }
        }
    }

    @Test
    void theSingleNodeComposeFileStartsAHealthyNode() throws Exception {
        Map<String, Map<String, Object>> services = services("compose-1.yaml");
        assertThat(services).containsOnlyKeys("jesdb");
        List<String> names = List.of("jesdb");
        containers = NetworkNamespaces.create(1);
        containers.nameHosts(names);
        NodeProcess node = start("jesdb", services.get("jesdb"), names);
        node.awaitReady();

        assertThat(node.api.post("api/stores/default/streams/in-a-container",
                "{\"events\": [{\"type\": \"Started\", \"data\": {}}]}").status()).isEqualTo(200);
        // Security is on in the container: the admin the compose file names signs in, nobody else.
        assertThat(node.api.withoutCredentials().get("api/stores/default/streams/in-a-container").status()).isEqualTo(401);
        assertThat(node.api.as(TestAdmin.NAME, "not-the-admin-password").get("api/stores/default/streams/in-a-container")
                .status()).isEqualTo(401);
        // The HEALTHCHECK sends no credentials: readiness is open.
        assertThat(healthCheck(names, "jesdb", Map.of())).as("the Dockerfile's HEALTHCHECK").isZero();
        // The check asks the port of JESDB_HTTP_PORT: where nothing listens, it fails.
        assertThat(healthCheck(names, "jesdb", Map.of("JESDB_HTTP_PORT", "1"))).as("the HEALTHCHECK on port 1").isNotZero();
        assertThat(Files.list(dir.resolve("jesdb-volume"))).as("data in the service's volume").isNotEmpty();
    }

    @Test
    void theThreeNodeComposeFileStartsAClusterAndAGateway() throws Exception {
        Map<String, Map<String, Object>> services = services("compose-3.yaml");
        assertThat(services).containsOnlyKeys("node-1", "node-2", "node-3", "gateway");
        List<String> names = new ArrayList<>(services.keySet());
        containers = NetworkNamespaces.create(names.size());
        containers.nameHosts(names);
        Map<String, NodeProcess> nodes = new LinkedHashMap<>();
        for (String name : names) {
            nodes.put(name, start(name, services.get(name), names));
        }
        NodeProcess.awaitAllReady(new ArrayList<>(nodes.values()));

        JsonObject view = nodes.get("node-1").api.get("api/cluster").json();
        assertThat(view.getJsonArray("members")).hasSize(3);
        assertThat(view.get("leader")).isNotNull();
        assertThat(environments.get("gateway")).as("a gateway holds no users: it needs no admin password")
                .doesNotContainKey("JESDB_ADMIN_PASSWORD");
        // Through the gateway (which forwards the credentials), then read on a member: one store.
        assertThat(nodes.get("gateway").api.withoutCredentials().get("api/stores/default/streams/composed").status())
                .isEqualTo(401);
        assertThat(nodes.get("gateway").api.post("api/stores/default/streams/composed",
                "{\"events\": [{\"type\": \"Composed\", \"data\": {}}]}").status()).isEqualTo(200);
        assertThat(nodes.get("node-3").api.get("api/stores/default/streams/composed?from=0").json()
                .getJsonArray("events")).hasSize(1);
        for (String name : names) {
            assertThat(healthCheck(names, name, Map.of())).as("the HEALTHCHECK of %s", name).isZero();
        }
    }

    @Test
    void theEntryPointRefusesAWrongSettingByName() throws Exception {
        Map<String, String> cluster = Map.of("JESDB_DB_TYPE", "cluster", "JESDB_CLUSTER_SECRET", SECRET,
                "JESDB_HAZELCAST_MEMBERS", "node-1:5900,node-2:5900");
        Map<Map<String, String>, String> wrong = new LinkedHashMap<>();
        wrong.put(Map.of("JESDB_HTTP_PORT", "80a"), "JESDB_HTTP_PORT must be a port number from 1 to 65535, was '80a'");
        wrong.put(Map.of("JESDB_HTTP_PORT", "65536"), "JESDB_HTTP_PORT must be a port number");
        wrong.put(Map.of("JESDB_HTTP_ADDRESS", "10.0.0.256"), "JESDB_HTTP_ADDRESS is not an IPv4 address: '10.0.0.256'");
        wrong.put(Map.of("JESDB_HTTP_ADDRESS", "no-such-host.invalid"), "the host name 'no-such-host.invalid' has no IPv4 address");
        wrong.put(Map.of("JESDB_RAFT_HOST", "node 1"), "JESDB_RAFT_HOST must be an IPv4 address or a host name");
        wrong.put(Map.of("JESDB_RAFT_PORT", "-1"), "JESDB_RAFT_PORT must be a port number from 0 to 65535");
        wrong.put(Map.of("JESDB_DB_TYPE", "mesh"), "JESDB_DB_TYPE must be single, cluster or gateway, was 'mesh'");
        // In any case, a cluster member needs its secret: CLUSTER is cluster.
        wrong.put(Map.of("JESDB_DB_TYPE", "CLUSTER"), "a cluster member or gateway needs JESDB_CLUSTER_SECRET");
        wrong.put(with(cluster, "JESDB_HAZELCAST_MEMBERS", "node-1:5900,node-2"), "JESDB_HAZELCAST_MEMBERS must be host:port");
        wrong.put(with(cluster, "JESDB_HAZELCAST_MEMBERS", "node-1:5900,node-2:0"), "JESDB_HAZELCAST_MEMBERS (node-2:0) must be a port");
        wrong.put(with(cluster, "JESDB_HAZELCAST_PORT", "99999"), "JESDB_HAZELCAST_PORT must be a port number");
        wrong.put(with(cluster, "JESDB_HAZELCAST_ADDRESS", "1.2.3"), "JESDB_HAZELCAST_ADDRESS is not an IPv4 address");
        // Security is on by default: a member needs the admin's password, and a long enough one.
        wrong.put(cluster, "a cluster member needs JESDB_ADMIN_PASSWORD");
        wrong.put(with(cluster, "JESDB_SECURITY", " ON"), "a cluster member needs JESDB_ADMIN_PASSWORD");
        wrong.put(Map.of("JESDB_ADMIN_PASSWORD", "elevenchars"), "JESDB_ADMIN_PASSWORD must be at least 12 characters");
        // A domain.xml whose HTTP listener is not the one the entry point rewrites.
        Path otherDomain = dir.resolve("other-domain.xml");
        Files.createDirectories(dir);
        Files.writeString(otherDomain, Files.readString(REPO.resolve("domain-config/domain.xml"))
                .replace("network-listener address=\"127.0.0.1\" port=\"8080\"", "network-listener address=\"127.0.0.1\" port=\"9090\""));
        wrong.put(Map.of("JESDB_DOMAIN_TEMPLATE", otherDomain.toString()),
                "expected 'network-listener address=\"127.0.0.1\" port=\"8080\"' once, found it 0 times");

        for (Map.Entry<Map<String, String>, String> setting : wrong.entrySet()) {
            EntryPoint run = entryPoint(setting.getKey());
            assertThat(run.status()).as("%s: %s", setting.getKey(), run.output()).isEqualTo(BAD_SETTING);
            assertThat(run.output()).as("%s", setting.getKey()).contains(setting.getValue()).doesNotContain("java ");
        }
    }

    @Test
    void theEntryPointTakesTheDbTypeInAnyCaseAndBindsHazelcastToAnIpv4Address() throws Exception {
        Map<String, String> cluster = Map.of("JESDB_DB_TYPE", " Cluster", "JESDB_CLUSTER_SECRET", SECRET,
                "JESDB_HAZELCAST_MEMBERS", "node-1:5900,node-2:5900", "JESDB_HTTP_PORT", "8089",
                "JESDB_HTTP_ADDRESS", "localhost", "JESDB_HAZELCAST_ADDRESS", "localhost",
                "JESDB_ADMIN_PASSWORD", TestAdmin.PASSWORD);
        EntryPoint run = entryPoint(cluster);
        assertThat(run.status()).as(run.output()).isZero();
        // The password stays in the environment: a command line is visible to every user of the host.
        assertThat(run.output()).doesNotContain(TestAdmin.PASSWORD);
        // Without security a member needs no password.
        EntryPoint open = entryPoint(with(with(cluster, "JESDB_ADMIN_PASSWORD", ""), "JESDB_SECURITY", "off"));
        assertThat(open.status()).as(open.output()).isZero();
        // What the node is started with (a stand-in java prints it): the type in lower case,
        // Hazelcast on localhost's IPv4 address, the listener rewritten.
        assertThat(run.output()).contains("JESDB_DB_TYPE=cluster\n")
                .contains("--port 8089 ")
                .contains("--interfaces 127.0.0.1 --startport 5900 --clustermode dns:node-1:5900,node-2:5900 --clustername "
                        + NodeProcess.clusterName(SECRET))
                .contains("network-listener address=\"127.0.0.1\" port=\"8089\"");
    }

    @Test
    void theImageRunsAsNonRootAndKubernetesUsesTheSameSettings() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(lastMatch(dockerfile, "(?m)^USER (\\S+)")).isEqualTo("10001:10001");
        assertThat(lastMatch(dockerfile, "(?m)^ENTRYPOINT (.+)$")).contains("jesdb-node.sh");

        Map<String, Map<String, Object>> resources = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("kubernetes/jesdb.yaml"))) {
            for (Object document : new Yaml().loadAll(reader)) {
                Map<String, Object> resource = map(document);
                resources.put((String) resource.get("kind"), resource);
            }
        }
        Map<String, Object> statefulSet = resources.get("StatefulSet");
        assertThat(statefulSet).as("a StatefulSet").isNotNull();
        Map<String, Object> spec = map(statefulSet.get("spec"));
        Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
        Map<String, Object> container = map(((List<?>) pod.get("containers")).get(0));
        assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001)
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        assertThat(map(container.get("securityContext"))).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true).containsEntry("capabilities", Map.of("drop", List.of("ALL")));
        // A fixed build, pulled once per node.
        assertThat((String) container.get("image")).matches("[^:]+:[^:/]+").doesNotEndWith(":latest");
        assertThat(container).containsEntry("imagePullPolicy", "IfNotPresent");
        assertThat(path(container, "startupProbe")).isEqualTo("/health/started");
        assertThat(path(container, "livenessProbe")).isEqualTo("/health/live");
        assertThat(path(container, "readinessProbe")).isEqualTo("/health/ready");
        Map<String, Object> startup = map(container.get("startupProbe"));
        assertThat((Integer) startup.getOrDefault("initialDelaySeconds", 0)
                + (Integer) startup.get("periodSeconds") * (Integer) startup.get("failureThreshold"))
                .as("seconds the startup probe allows").isGreaterThanOrEqualTo(450);
        // With a read-only root, what is written has volumes: the data and /tmp.
        List<Object> mounts = new ArrayList<>();
        for (Object mount : (List<?>) container.get("volumeMounts")) {
            mounts.add(map(mount).get("mountPath"));
        }
        assertThat(mounts).contains("/tmp", "/var/lib/jesdb");
        Map<String, Object> budget = resources.get("PodDisruptionBudget");
        assertThat(budget).as("a PodDisruptionBudget").isNotNull();
        assertThat(map(budget.get("spec"))).containsEntry("maxUnavailable", 1).containsEntry("selector", spec.get("selector"));

        Map<String, String> env = new HashMap<>();
        for (Object item : (List<?>) container.get("env")) {
            Map<String, Object> variable = map(item);
            env.put((String) variable.get("name"), variable.get("value") == null ? "(from)" : variable.get("value").toString());
        }
        int replicas = (Integer) spec.get("replicas");
        assertThat(env).containsEntry("JESDB_CLUSTER_SIZE", Integer.toString(replicas))
                .containsEntry("JESDB_DATA_DIR", "/var/lib/jesdb")
                // every member needs it; from a Secret, as the cluster secret
                .containsEntry("JESDB_ADMIN_PASSWORD", "(from)").containsEntry("JESDB_CLUSTER_SECRET", "(from)");
        // Pods are <set>-0, <set>-1, ... on the headless service <serviceName>.
        String set = (String) map(statefulSet.get("metadata")).get("name");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            members.add(set + "-" + i + "." + spec.get("serviceName") + ":5900");
        }
        assertThat(env).containsEntry("JESDB_HAZELCAST_MEMBERS", String.join(",", members));
        // Every setting the container files use is one the node or its entry point knows.
        String known = Files.readString(REPO.resolve("README.md")) + Files.readString(DOCKER.resolve("jesdb-node.sh"));
        List<String> used = new ArrayList<>(env.keySet());
        services("compose-3.yaml").values().forEach(service -> used.addAll(environment(service).keySet()));
        assertThat(used).allSatisfy(name -> assertThat(known).as(name).contains(name));
    }

    // ---- starting a service as a local process ----

    /**
     * Starts one service the way its container would, in namespace i (its place in {@code names},
     * from 1), whose hosts file resolves the services' names (and the container's own host name).
     */
    private NodeProcess start(String name, Map<String, Object> service, List<String> names) throws IOException {
        int container = names.indexOf(name) + 1;
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> setting : environment(service).entrySet()) {
            // what docker compose takes from the environment of whoever runs it
            env.put(setting.getKey(), setting.getValue().replaceAll("\\$\\{JESDB_CLUSTER_SECRET[^}]*}", SECRET)
                    .replaceAll("\\$\\{JESDB_ADMIN_PASSWORD[^}]*}", TestAdmin.PASSWORD));
        }
        // The service's volume is a folder here.
        String volumeTarget = volumeTarget(service);
        if (volumeTarget != null && volumeTarget.equals(env.get("JESDB_DATA_DIR"))) {
            env.put("JESDB_DATA_DIR", dir.resolve(name + "-volume").toString());
        }
        int port = containerPort(service);
        // What the container gets from its image: the jar and domain. Its address is found by
        // the entry point (its host name's, in the namespace's hosts file).
        env.put("JESDB_JAR", System.getProperty("jesdb.jar"));
        env.put("JESDB_DOMAIN_TEMPLATE", REPO.resolve("domain-config/domain.xml").toString());
        env.put("JESDB_JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        NodeProcess node = NodeProcess.startScript(containers, container, DOCKER.resolve("jesdb-node.sh"), dir.resolve(name),
                env, port);
        started.add(node);
        environments.put(name, env);
        return node;
    }

    /**
     * The Dockerfile's HEALTHCHECK command, run inside service {@code name}'s container as Docker
     * runs it: by {@code sh -c}, with the container's environment ({@code changes} on top).
     */
    private int healthCheck(List<String> names, String name, Map<String, String> changes) throws IOException, InterruptedException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher command = Pattern.compile("(?s)HEALTHCHECK .*?CMD (.+?)\\n(?!\\s)").matcher(dockerfile + "\n");
        assertThat(command.find()).as("a HEALTHCHECK with a CMD").isTrue();
        String shell = command.group(1).replace("\\\n", " ");
        assertThat(shell).contains("/health/ready");
        List<String> inside = new ArrayList<>(containers.inside(names.indexOf(name) + 1));
        inside.addAll(List.of("sh", "-c", shell));
        ProcessBuilder builder = new ProcessBuilder(inside).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("JESDB_"));
        builder.environment().putAll(environments.get(name));
        builder.environment().putAll(changes);
        Process check = builder.start();
        check.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(check.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return check.exitValue();
    }

    private record EntryPoint(int status, String output) {
    }

    /**
     * Runs docker/jesdb-node.sh with {@code settings} and a stand-in {@code java} first on the
     * PATH, which prints JESDB_DB_TYPE, its arguments and the domain.xml it was given, instead of
     * starting a node.
     */
    private EntryPoint entryPoint(Map<String, String> settings) throws IOException, InterruptedException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Path fakeJava = bin.resolve("java");
        Files.writeString(fakeJava, """
                #!/bin/sh
                echo "JESDB_DB_TYPE=$JESDB_DB_TYPE"
                echo "java $*"
                while [ $# -gt 0 ]; do
                  if [ "$1" = --domainconfig ]; then grep -F 'name="http-listener"' "$2"; fi
                  shift
                done
                """);
        fakeJava.toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder("bash", DOCKER.resolve("jesdb-node.sh").toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> variable.startsWith("JESDB_"));
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("TMPDIR", dir.toString());
        env.put("JESDB_JAR", dir.resolve("no.jar").toString());
        env.put("JESDB_DOMAIN_TEMPLATE", REPO.resolve("domain-config/domain.xml").toString());
        env.putAll(settings);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new EntryPoint(process.exitValue(), output);
    }

    private static Map<String, String> with(Map<String, String> settings, String name, String value) {
        Map<String, String> changed = new HashMap<>(settings);
        changed.put(name, value);
        return changed;
    }

    // ---- reading the compose files ----

    private static Map<String, Map<String, Object>> services(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve(file))) {
            Map<String, Object> compose = new Yaml().load(reader);
            Map<String, Map<String, Object>> services = new LinkedHashMap<>();
            map(compose.get("services")).forEach((name, service) -> services.put(name, map(service)));
            return services;
        }
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(service.get("environment")).forEach((name, value) -> env.put(name, String.valueOf(value)));
        return env;
    }

    /** The container port of the service's first published port ("127.0.0.1:8081:8080" → 8080). */
    private static int containerPort(Map<String, Object> service) {
        String published = String.valueOf(((List<?>) service.get("ports")).get(0));
        assertThat(published).as("ports are published on the host's loopback only").startsWith("127.0.0.1:");
        return Integer.parseInt(published.substring(published.lastIndexOf(':') + 1));
    }

    private static String volumeTarget(Map<String, Object> service) {
        if (!(service.get("volumes") instanceof List<?> volumes) || volumes.isEmpty()) {
            return null;
        }
        String volume = String.valueOf(volumes.get(0));
        return volume.substring(volume.indexOf(':') + 1);
    }

    private static String path(Map<String, Object> container, String probe) {
        return String.valueOf(map(map(container.get(probe)).get("httpGet")).get("path"));
    }

    private static String lastMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        String last = null;
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }
}
