package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against an https:// stub node (the JDK's HTTPS server) whose self-signed
 * certificate is made with keytool, as a JESDB node makes its own: trusted through the
 * certificate file or a trust store, refused with the JDK's default authorities.
 */
class ClientTlsTest {
    private static final String PASSWORD = "stub-password";

    @TempDir
    Path dir;

    private HttpsServer server;
    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private Path certificate;

    @BeforeEach
    void startHttpsStub() throws Exception {
        Path keyStore = dir.resolve("node.p12");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", PASSWORD);
        certificate = dir.resolve("node.crt");
        keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray()), PASSWORD.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String body = path.equals("/api/cluster")
                        ? "{\"node\":\"n1\",\"leader\":\"n1\",\"commitIndex\":0,\"appliedIndex\":0,\"members\":[],\"waiting\":[]}"
                        : "{\"version\":7}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aClientThatTrustsTheNodesCertificateFileReadsOverHttps() {
        try (JesdbClient client = JesdbClient.builder().nodes(url()).trustCertificate(certificate).build()) {
            assertThat(client.streamVersion("s")).isEqualTo(7);
        }
    }

    @Test
    void aClientThatTrustsATrustStoreReadsOverHttps() throws Exception {
        Path trustStore = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "node", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", "trust-password");
        try (JesdbClient client = JesdbClient.builder().nodes(url())
                .trustStore(trustStore, "trust-password".toCharArray()).build()) {
            assertThat(client.streamVersion("s")).isEqualTo(7);
        }
    }

    @Test
    void aClientWithTheJdksDefaultTrustIsRefusedByASelfSignedNode() {
        try (JesdbClient client = JesdbClient.builder().nodes(url()).timeout(Duration.ofSeconds(3)).build()) {
            assertThatThrownBy(() -> client.streamVersion("s")).isInstanceOf(Errors.NoNodeAvailable.class)
                    .hasMessageContaining("PKIX path building failed");
        }
    }

    @Test
    void aFileWithoutACertificateIsRefusedWhenTheClientIsBuilt() throws IOException {
        Path notACertificate = Files.writeString(dir.resolve("empty.crt"), "not a certificate");
        assertThatThrownBy(() -> JesdbClient.builder().trustCertificate(notACertificate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(notACertificate.toString());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    }
}
