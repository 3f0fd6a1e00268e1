package org.jesdb.web.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.jesdb.ejb.cluster.HttpNodeDirectory.StoreNode;
import org.jesdb.ejb.cluster.ServedCertificate;
import org.jesdb.store.raft.RaftTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real HTTPS server on 127.0.0.1 and the JDK's HTTP client, as the gateway uses them. The
 * server's certificate is self-signed and does not name 127.0.0.1 (RaftTls's, a convenient key
 * and certificate), so only the published fingerprint can make the client trust it.
 */
class NodeCertificateTrustTest {
    private final RaftTls nodeKey = RaftTls.fromSecret("the key of the store node");
    private HttpsServer server;
    private URI url;

    @BeforeEach
    void startServer() throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(nodeKey.keyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/api/info", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/info");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aPublishedCertificateIsTrustedWhateverNamesItHolds() throws Exception {
        NodeCertificateTrust trust = NodeCertificateTrust.withSystemTrust();
        trust.trustNodes(List.of(node("n1", ServedCertificate.fingerprint(nodeKey.certificate()))));

        assertThat(get(trust).body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aCertificateNobodyPublishedIsRefusedBeforeTheRequestIsSent() {
        NodeCertificateTrust trust = NodeCertificateTrust.withSystemTrust();
        String another = ServedCertificate.fingerprint(RaftTls.fromSecret("the key of another server").certificate());
        trust.trustNodes(List.of(node("n1", another), node("n2", "")));

        assertThatThrownBy(() -> get(trust)).satisfiesAnyOf(
                e -> assertThat(e).isInstanceOf(SSLHandshakeException.class),
                e -> assertThat(e).hasCauseInstanceOf(SSLHandshakeException.class));
    }

    @Test
    void theCertificateOfANodeThatLeftIsNoLongerTrusted() throws Exception {
        NodeCertificateTrust trust = NodeCertificateTrust.withSystemTrust();
        trust.trustNodes(List.of(node("n1", ServedCertificate.fingerprint(nodeKey.certificate()))));
        assertThat(get(trust).statusCode()).isEqualTo(200);

        trust.trustNodes(List.of());

        assertThatThrownBy(() -> get(trust)).isInstanceOf(IOException.class);
    }

    private HttpResponse<String> get(NodeCertificateTrust trust) throws IOException, InterruptedException {
        // A client per call: every call makes a new TLS handshake.
        HttpClient client = HttpClient.newBuilder().sslContext(trust.sslContext()).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private StoreNode node(String id, String certificate) {
        return new StoreNode(id, url, certificate);
    }
}
