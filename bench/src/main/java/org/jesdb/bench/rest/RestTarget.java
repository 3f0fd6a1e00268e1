package org.jesdb.bench.rest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jesdb.bench.targets.Session;
import org.jesdb.bench.targets.Target;
import org.jesdb.bench.targets.TargetKind;

/**
 * A JESDB node over its REST API, one node per workload on a fresh data folder, security on
 * (every request signs in with HTTP Basic). Client and node run on the same machine and share
 * its CPUs.
 *
 * <p>The node runs from a copy of the runnable jar: a rebuild of {@code web/target/jesdb.jar}
 * during a run (others build on the same machine) would otherwise break the running node.
 */
public final class RestTarget implements Target {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final Path jar;
    private final List<String> nodeJvmOptions;
    private final HttpClient http = NodeJar.httpClient();
    private final AdminCredentials admin = AdminCredentials.random();

    public RestTarget(Path sourceJar, Path workFolder, List<String> nodeJvmOptions) throws IOException {
        this.jar = NodeJar.copyForRun(sourceJar, workFolder);
        this.nodeJvmOptions = List.copyOf(nodeJvmOptions);
    }

    @Override
    public TargetKind kind() {
        return TargetKind.JESDB_REST;
    }

    @Override
    public boolean coldPerSession() {
        return true;
    }

    @Override
    public Session open(Path folder) throws IOException, InterruptedException {
        NodeProcess node = NodeProcess.start(jar, folder, nodeJvmOptions, admin);
        try {
            node.awaitReady(http, READY_TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
        return new RestSession(node, http);
    }

    @Override
    public void close() {
        // Each session stops its own node.
    }
}
