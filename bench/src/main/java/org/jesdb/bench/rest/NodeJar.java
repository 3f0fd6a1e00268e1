package org.jesdb.bench.rest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** What every target that starts nodes from the runnable jar needs: its own copy of the jar, and an HTTP client. */
public final class NodeJar {
    private NodeJar() {
    }

    /**
     * Copies the runnable jar into {@code workFolder}: a rebuild of {@code web/target/jesdb.jar}
     * during a run (others build on the same machine) would otherwise break the running nodes.
     */
    public static Path copyForRun(Path sourceJar, Path workFolder) throws IOException {
        if (!Files.isRegularFile(sourceJar)) {
            throw new IOException("no runnable jar at " + sourceJar + ": build it with `mvn -q install -DskipTests`");
        }
        Files.createDirectories(workFolder);
        Path jar = workFolder.resolve("jesdb.jar");
        Files.copy(sourceJar, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        return jar;
    }

    /** One client for all requests of a target: HTTP/1.1, a connection per concurrent request. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }
}
