package org.jesdb.web.gateway;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jesdb.ejb.cluster.HttpNodeDirectory.StoreNode;
import org.jesdb.ejb.cluster.ServedCertificate;

/**
 * Whom a gateway trusts when it forwards over HTTPS: a certificate that a store node published
 * (its SHA-256, signed with the cluster secret, in {@code HttpNodeDirectory}), so a member's own
 * self-signed certificate needs no CA; or else one the JVM's trust store accepts for the host
 * name, for a member behind a URL (JESDB_HTTP_URL) whose certificate is not the node's.
 *
 * <p>A published certificate is trusted without a host name check: the signed entry already
 * ties it to a member, and a member's certificate need not name the address gateways use.
 */
final class NodeCertificateTrust extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager system;
    private volatile Set<String> published = Set.of();

    NodeCertificateTrust(X509ExtendedTrustManager system) {
        this.system = system;
    }

    /** With the JVM's default trust store behind the published certificates. */
    static NodeCertificateTrust withSystemTrust() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return new NodeCertificateTrust(x509);
                }
            }
            throw new IllegalStateException("the JVM's default trust manager is not an X509ExtendedTrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM's default trust store cannot be read", e);
        }
    }

    /** A TLS context for an HTTP client that trusts as this does. */
    SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has TLS", e);
        }
    }

    /** Trusts the certificates these nodes published, and no longer those of nodes that left. */
    void trustNodes(List<StoreNode> nodes) {
        published = nodes.stream().map(StoreNode::certificate).filter(sha -> !sha.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private boolean isPublished(X509Certificate[] chain) {
        return chain != null && chain.length > 0 && published.contains(ServedCertificate.fingerprint(chain[0]));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        if (!isPublished(chain)) {
            system.checkServerTrusted(chain, authType, engine);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        if (!isPublished(chain)) {
            system.checkServerTrusted(chain, authType, socket);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (!isPublished(chain)) {
            system.checkServerTrusted(chain, authType);
        }
    }

    // The gateway is only ever the client side of these connections.

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a gateway's node connections accept no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a gateway's node connections accept no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a gateway's node connections accept no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system.getAcceptedIssuers();
    }
}
