package org.jesdb.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;

class RaftTlsTest {
    private static final String SECRET = "a cluster secret of some length";

    @Test
    void everyMemberDerivesTheSameKeyFromTheSecretAndOtherSecretsAnother() {
        RaftTls one = RaftTls.fromSecret(SECRET);
        RaftTls two = RaftTls.fromSecret(SECRET);
        RaftTls other = RaftTls.fromSecret(SECRET + "!");

        assertThat(two.certificate().getPublicKey()).isEqualTo(one.certificate().getPublicKey());
        assertThat(other.certificate().getPublicKey()).isNotEqualTo(one.certificate().getPublicKey());
    }

    @Test
    void theTrustManagerTakesOnlyTheClustersKey() throws Exception {
        RaftTls ours = RaftTls.fromSecret(SECRET);
        X509Certificate[] theirs = {RaftTls.fromSecret("another secret, as long").certificate()};

        ours.trustManager().checkServerTrusted(new X509Certificate[] {RaftTls.fromSecret(SECRET).certificate()}, "ECDHE_ECDSA");
        assertThatThrownBy(() -> ours.trustManager().checkClientTrusted(theirs, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("JESDB_CLUSTER_SECRET");
        assertThatThrownBy(() -> ours.trustManager().checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> RaftTls.fromSecret("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHandshakeSucceedsBetweenMembersAndFailsForANodeWithAnotherSecret() throws Exception {
        RaftTls server = RaftTls.fromSecret(SECRET);

        assertThat(handshake(server, RaftTls.fromSecret(SECRET))).isEqualTo("TLSv1.3");
        assertThatThrownBy(() -> handshake(server, RaftTls.fromSecret("another secret, as long")))
                .isInstanceOf(SSLException.class);
    }

    /** Connects a client of {@code client} to a server of {@code server} on the loopback; answers the protocol. */
    private static String handshake(RaftTls server, RaftTls client) throws Exception {
        try (SSLServerSocket listening = (SSLServerSocket) context(server).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listening.setNeedClientAuth(true);
            listening.setSoTimeout(10_000);
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listening.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    socket.getOutputStream().write(1);
                    socket.getOutputStream().flush();
                } catch (IOException refused) {
                    // the client's side reports it
                }
            });
            try (SSLSocket socket = (SSLSocket) context(client).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                // TLS 1.3 reports a refused client certificate on the first read
                if (socket.getInputStream().read() != 1) {
                    throw new SSLException("the server closed the connection");
                }
                return socket.getSession().getProtocol();
            } finally {
                accepted.get(20, TimeUnit.SECONDS);
            }
        }
    }

    private static SSLContext context(RaftTls tls) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(tls.keyManagers(), new TrustManager[] {tls.trustManager()}, null);
        return context;
    }
}
