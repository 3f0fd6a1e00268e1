package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
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
 * container (its address on a shared bridge is what the other services' names resolve to), with
 * the service's environment, container port and data folder; then the Dockerfile's health check
 * is run against them. The Kubernetes StatefulSet is checked against the same settings.
 */
class DockerConfigIT {
    private static final Path REPO = Path.of(System.getProperty("jesdb.repo")).toAbsolutePath().normalize();
    private static final Path DOCKER = REPO.resolve("docker");
    private static final String SECRET = "compose-test-secret-" + UUID.randomUUID();
    /** Settings whose values name other services (host names), to be replaced by their local addresses. */
    private static final List<String> ADDRESSES = List.of("JESDB_RAFT_HOST", "JESDB_HTTP_URL", "JESDB_HAZELCAST_MEMBERS");

    private final List<NodeProcess> started = new ArrayList<>();
    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "docker-" + UUID.randomUUID());
    private NetworkNamespaces containers;

    @AfterEach
    void stopAll() throws InterruptedException {
        for (NodeProcess node : started) {
            node.close();
        }
        if (containers != null) {
            containers.close();
        }
    }

    @Test
    void theSingleNodeComposeFileStartsAHealthyNode() throws Exception {
        Map<String, Map<String, Object>> services = services("compose-1.yaml");
        assertThat(services).containsOnlyKeys("jesdb");
        containers = NetworkNamespaces.create(1);
        NodeProcess node = start("jesdb", services.get("jesdb"), List.of("jesdb"));
        node.awaitReady();

        assertThat(node.api.post("api/stores/default/streams/in-a-container",
                "{\"events\": [{\"type\": \"Started\", \"data\": {}}]}").status()).isEqualTo(200);
        assertThat(healthCheck(1)).as("the Dockerfile's HEALTHCHECK").isZero();
        assertThat(Files.list(dir.resolve("jesdb-volume"))).as("data in the service's volume").isNotEmpty();
    }

    @Test
    void theThreeNodeComposeFileStartsAClusterAndAGateway() throws Exception {
        Map<String, Map<String, Object>> services = services("compose-3.yaml");
        assertThat(services).containsOnlyKeys("node-1", "node-2", "node-3", "gateway");
        List<String> names = new ArrayList<>(services.keySet());
        containers = NetworkNamespaces.create(names.size());
        Map<String, NodeProcess> nodes = new LinkedHashMap<>();
        for (String name : names) {
            nodes.put(name, start(name, services.get(name), names));
        }
        NodeProcess.awaitAllReady(new ArrayList<>(nodes.values()));

        JsonObject view = nodes.get("node-1").api.get("api/cluster").json();
        assertThat(view.getJsonArray("members")).hasSize(3);
        assertThat(view.get("leader")).isNotNull();
        // Through the gateway, then read on a member: one store.
        assertThat(nodes.get("gateway").api.post("api/stores/default/streams/composed",
                "{\"events\": [{\"type\": \"Composed\", \"data\": {}}]}").status()).isEqualTo(200);
        assertThat(nodes.get("node-3").api.get("api/stores/default/streams/composed?from=0").json()
                .getJsonArray("events")).hasSize(1);
        for (String name : List.of("node-1", "node-2", "node-3")) {
            assertThat(healthCheck(names.indexOf(name) + 1)).as("the HEALTHCHECK of %s", name).isZero();
        }
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
                .containsEntry("JESDB_DATA_DIR", "/var/lib/jesdb");
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
     * from 1): the other services' names stand for their namespaces' addresses.
     */
    private NodeProcess start(String name, Map<String, Object> service, List<String> names) throws IOException {
        int container = names.indexOf(name) + 1;
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> setting : environment(service).entrySet()) {
            String value = setting.getValue().replaceAll("\\$\\{JESDB_CLUSTER_SECRET[^}]*}", SECRET);
            if (ADDRESSES.contains(setting.getKey())) {
                for (String host : names) {
                    value = value.replaceAll("\\b" + Pattern.quote(host) + "\\b(?=:|$)",
                            NetworkNamespaces.clusterAddress(names.indexOf(host) + 1));
                }
            }
            env.put(setting.getKey(), value);
        }
        // The service's volume is a folder here.
        String volumeTarget = volumeTarget(service);
        if (volumeTarget != null && volumeTarget.equals(env.get("JESDB_DATA_DIR"))) {
            env.put("JESDB_DATA_DIR", dir.resolve(name + "-volume").toString());
        }
        int port = containerPort(service);
        // What the container gets from its image and network: the jar and domain, its address
        // (`hostname -i` in a container; here the namespace's address on the bridge).
        env.put("JESDB_JAR", System.getProperty("jesdb.jar"));
        env.put("JESDB_DOMAIN_TEMPLATE", REPO.resolve("domain-config/domain.xml").toString());
        env.put("JESDB_HAZELCAST_ADDRESS", NetworkNamespaces.clusterAddress(container));
        env.put("JESDB_JAVA_OPTS", "-Xmx512m");
        NodeProcess node = NodeProcess.startScript(containers, container, DOCKER.resolve("jesdb-node.sh"), dir.resolve(name),
                env, port);
        started.add(node);
        return node;
    }

    /** The Dockerfile's HEALTHCHECK command, run inside container {@code i} as Docker runs it. */
    private int healthCheck(int i) throws IOException, InterruptedException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Matcher command = Pattern.compile("(?s)HEALTHCHECK .*?CMD (.+?)\\n(?!\\s)").matcher(dockerfile + "\n");
        assertThat(command.find()).as("a HEALTHCHECK with a CMD").isTrue();
        String shell = command.group(1).replace("\\\n", " ");
        assertThat(shell).contains("/health/ready");
        List<String> inside = new ArrayList<>(containers.inside(i));
        inside.addAll(List.of("sh", "-c", shell));
        Process check = new ProcessBuilder(inside).redirectErrorStream(true).start();
        assertThat(check.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return check.exitValue();
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
