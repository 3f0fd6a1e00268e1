package org.jesdb.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {
    @TempDir
    Path home;

    @Test
    void thePasswordFromTheEnvironmentComesFirst() throws Exception {
        Files.writeString(home.resolve("admin-password"), "from-the-cluster-folder");

        Credentials credentials = Credentials.resolve("admin", Map.of("JESDB_PASSWORD", "from-the-environment"), home);

        assertThat(credentials).isEqualTo(new Credentials("admin", "from-the-environment"));
    }

    @Test
    void withoutOneTheAdminTakesThePasswordTheClusterScriptKeeps() throws Exception {
        Files.writeString(home.resolve("admin-password"), "from-the-cluster-folder\n");

        assertThat(Credentials.resolve("admin", Map.of(), home)).isEqualTo(new Credentials("admin", "from-the-cluster-folder"));
    }

    @Test
    void anotherUserWithoutJesdbPasswordIsToldWhatToSet() throws Exception {
        Files.writeString(home.resolve("admin-password"), "the admin's, not ann's");

        assertThatThrownBy(() -> Credentials.resolve("ann", Map.of(), home))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ann").hasMessageContaining("$JESDB_PASSWORD");
        assertThatThrownBy(() -> Credentials.resolve("admin", Map.of(), home.resolve("empty")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("admin-password");
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new Credentials("admin", "a-long-secret-passphrase").toString()).doesNotContain("a-long-secret-passphrase");
    }

    @Test
    void everyCallOfTheNodeApiSignsIn() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"events\":[],\"lastVersion\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            NodeApi node = new NodeApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5),
                    new Credentials("admin", "pass:word"));

            node.append("s", -1, List.of(java.util.UUID.randomUUID()));
            node.readStream("s");
            node.readAllLocal();
            assertThat(node.signInStatus()).isEqualTo(200);
        } finally {
            server.stop(0);
        }

        // admin:pass:word in Base64: a password may hold ':', only the user may not
        assertThat(received).hasSize(4).allSatisfy(call -> assertThat(call).endsWith(" Basic YWRtaW46cGFzczp3b3Jk"));
    }
}
