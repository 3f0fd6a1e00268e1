package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.jesdb.client.JesdbClient;
import org.junit.jupiter.api.Test;

/**
 * HTTPS on the runnable jar: a node makes its own self-signed certificate in its data folder at
 * the first start and serves the same one after a restart; a client that trusts that certificate
 * gets in, one that trusts only the JDK's authorities is refused; a supplied PKCS12 file is served
 * instead when configured, and a wrong one stops the start naming the setting.
 */
class TlsIT {
    private static final String HOST_NAME = "node-a.jesdb.test";

    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "tls-" + UUID.randomUUID());

    @Test
    void aNodeServesItsOwnCertificateOverHttpsAndTheSameOneAfterARestart() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("JESDB_DATA_DIR", data.toString(), "JESDB_TLS_HOSTNAMES", HOST_NAME);
        Path certificateFile = data.resolve("tls").resolve("node.crt");
        X509Certificate generated;
        int httpsPort = NodeProcess.freePort();
        try (NodeProcess node = NodeProcess.start(dir, env, List.of("--sslport", Integer.toString(httpsPort))).awaitReady()) {
            generated = readCertificate(certificateFile);
            assertThat(subjectAlternativeNames(generated)).contains("127.0.0.1", "localhost", HOST_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tls").resolve("node.p12"))))
                    .as("the private key is its owner's only").isEqualTo("rw-------");

            X509Certificate served = awaitHttpsReady(trusting(generated), httpsPort);
            assertThat(served).as("the certificate in the data folder is the one served").isEqualTo(generated);
            assertThat(node.logText()).as("the log shows the fingerprint to pin")
                    .contains("sha256=" + fingerprint(generated));
            assertThatThrownBy(() -> get(HttpClient.newHttpClient(), httpsPort, "health/ready"))
                    .as("a self-signed certificate is not trusted by the JDK's authorities")
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(node.api.get("health/ready").status()).as("plain HTTP still answers").isEqualTo(200);
            try (JesdbClient client = JesdbClient.builder().nodes("https://127.0.0.1:" + httpsPort)
                    .trustCertificate(certificateFile).credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build()) {
                assertThat(client.streamVersion("never-written")).as("the Java client over HTTPS").isEqualTo(-1);
            }
        }
        int nextPort = NodeProcess.freePort();
        try (NodeProcess node = NodeProcess.start(dir, env, List.of("--sslport", Integer.toString(nextPort))).awaitReady()) {
            X509Certificate served = awaitHttpsReady(trusting(generated), nextPort);
            assertThat(served).as("a restart serves the same certificate").isEqualTo(generated);
            assertThat(readCertificate(certificateFile)).isEqualTo(generated);
        }
    }

    @Test
    void aSuppliedPkcs12KeystoreIsServedInsteadOfAGeneratedOne() throws Exception {
        Path keyStore = dir.resolve("real.p12");
        X509Certificate supplied = makeKeyStore(keyStore, "real-password", "real-node");
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("JESDB_DATA_DIR", data.toString(), "JESDB_TLS_KEYSTORE", keyStore.toString(),
                "JESDB_TLS_KEYSTORE_PASSWORD", "real-password", "JESDB_TLS_KEY_ALIAS", "real-node");
        int httpsPort = NodeProcess.freePort();
        try (NodeProcess node = NodeProcess.start(dir, env, List.of("--sslport", Integer.toString(httpsPort))).awaitReady()) {
            X509Certificate served = awaitHttpsReady(trusting(supplied), httpsPort);
            assertThat(served).isEqualTo(supplied);
            assertThat(data.resolve("tls")).as("nothing is generated when a keystore is supplied").doesNotExist();
            assertThat(node.logText()).contains("sha256=" + fingerprint(supplied)).doesNotContain("real-password");
        }
    }

    @Test
    void aWrongKeystorePathOrPasswordStopsTheStartNamingTheSetting() throws Exception {
        Path keyStore = dir.resolve("real.p12");
        makeKeyStore(keyStore, "real-password", "real-node");
        Map<String, String> noFile = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(),
                "JESDB_TLS_KEYSTORE", dir.resolve("missing.p12").toString(), "JESDB_TLS_KEYSTORE_PASSWORD", "real-password");
        assertStartRefused(noFile, "JESDB_TLS_KEYSTORE: no readable file");

        Map<String, String> wrongPassword = Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(),
                "JESDB_TLS_KEYSTORE", keyStore.toString(), "JESDB_TLS_KEYSTORE_PASSWORD", "not-the-password");
        assertStartRefused(wrongPassword, "JESDB_TLS_KEYSTORE_PASSWORD does not open JESDB_TLS_KEYSTORE");
    }

    private void assertStartRefused(Map<String, String> env, String message) throws Exception {
        try (NodeProcess node = NodeProcess.start(dir, env)) {
            node.awaitRefusal(message);
            await().atMost(Duration.ofSeconds(30)).until(() -> !node.isAlive());
            assertThat(node.logText()).doesNotContain("Payara Micro URLs");
        }
    }

    /** Waits until the HTTPS listener answers /health/ready with 200; answers the certificate it served. */
    private static X509Certificate awaitHttpsReady(HttpClient client, int port) throws IOException {
        List<HttpResponse<String>> ready = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                try {
                    HttpResponse<String> response = get(client, port, "health/ready");
                    if (response.statusCode() == 200) {
                        ready.add(response);
                        return true;
                    }
                } catch (IOException notYet) {
                    failures.add(notYet);
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("HTTPS on port " + port + " never answered 200; last failure: "
                    + (failures.isEmpty() ? "none" : failures.get(failures.size() - 1)), e);
        }
        Certificate[] chain = ready.get(0).sslSession().orElseThrow().getPeerCertificates();
        return (X509Certificate) chain[0];
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/" + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A client whose only trusted certificate is {@code certificate}. */
    private static HttpClient trusting(X509Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("node", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static X509Certificate readCertificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate) throws Exception {
        List<String> names = new ArrayList<>();
        for (List<?> entry : certificate.getSubjectAlternativeNames()) {
            names.add(String.valueOf(entry.get(1)));
        }
        return names;
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** What an operator does with a real certificate's files, here with keytool: a PKCS12 file with one key. */
    private static X509Certificate makeKeyStore(Path file, String password, String alias) throws Exception {
        Files.createDirectories(file.getParent());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-noprompt", "-alias", alias,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-dname", "CN=jesdb-it-real",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", password).redirectErrorStream(true).redirectOutput(file.resolveSibling("keytool.log").toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(file.resolveSibling("keytool.log"))).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return (X509Certificate) store.getCertificate(alias);
    }
}
