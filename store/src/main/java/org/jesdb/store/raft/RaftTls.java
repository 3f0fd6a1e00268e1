package org.jesdb.store.raft;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mutual TLS between the members of a cluster, keyed by the cluster secret: every member derives
 * the same EC P-256 key pair from JESDB_CLUSTER_SECRET, presents a certificate
 * of it, and accepts a peer (server or client) only if the peer's certificate carries that same
 * public key. The TLS handshake makes the peer prove it holds the private key, so a node without
 * the secret can neither join the Raft group, nor send it requests, nor read its traffic (the
 * handshake's key exchange is ephemeral, ECDHE, so a secret learned later does not open recorded
 * traffic).
 *
 * <p>Why not a CA: the secret is the one thing the members already share, and a certificate
 * authority would be one more thing for operators to run, renew and distribute; a member's
 * identity inside the group is its Raft id, not its certificate. Host names are not checked
 * either: members are reached by the addresses they publish, which may be IPs or NAT names.
 * The certificate is valid from 2000 to 2100, so that a member's wrong clock cannot break the
 * group (ClockSkewIT runs members with skewed clocks).
 */
public final class RaftTls {
    private static final String CURVE = "secp256r1";
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private final X509Certificate certificate;
    /** One for all: Ratis builds each connection's TLS context from it. */
    private final GrpcTlsConfig tls;
    private final KeyManager[] keyManagers;
    private final SameKeyTrustManager trustManager;

    private RaftTls(PrivateKey privateKey, X509Certificate certificate) throws GeneralSecurityException, IOException {
        this.certificate = certificate;
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("raft", privateKey, IN_MEMORY, new X509Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY);
        this.keyManagers = factory.getKeyManagers();
        this.trustManager = new SameKeyTrustManager(certificate);
        this.tls = new GrpcTlsConfig(keyManagers[0], trustManager, true);
    }

    /**
     * A key that no other process holds, for a single node: its Raft server, which nothing but
     * the node itself has reason to call (appends are submitted in-process), then refuses every
     * connection, so that another user of the host cannot reach the store past HTTP's security.
     */
    public static RaftTls forThisProcessOnly() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return fromSecret(Base64.getEncoder().encodeToString(secret));
    }

    /** The TLS of the cluster whose secret is {@code secret}. */
    public static RaftTls fromSecret(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("a cluster needs a secret of at least 16 characters");
        }
        try {
            ECParameterSpec curve = jdkCurve();
            X9ECParameters bcCurve = CustomNamedCurves.getByName(CURVE);
            BigInteger scalar = scalar(secret, bcCurve.getN());
            org.bouncycastle.math.ec.ECPoint point = bcCurve.getG().multiply(scalar).normalize();
            KeyFactory keys = KeyFactory.getInstance("EC");
            PrivateKey privateKey = keys.generatePrivate(new ECPrivateKeySpec(scalar, curve));
            PublicKey publicKey = keys.generatePublic(new ECPublicKeySpec(
                    new ECPoint(point.getAffineXCoord().toBigInteger(), point.getAffineYCoord().toBigInteger()), curve));
            return new RaftTls(privateKey, certificate(privateKey, publicKey));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the cluster's Raft TLS key: " + e.getMessage(), e);
        }
    }

    /**
     * The Ratis parameters that put the server, its clients and its admin calls on this TLS: a
     * new map each time (cheap), since the server and each client own theirs.
     */
    public Parameters parameters() {
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, tls);
        GrpcConfigKeys.Server.setTlsConf(parameters, tls);
        GrpcConfigKeys.Client.setTlsConf(parameters, tls);
        GrpcConfigKeys.Admin.setTlsConf(parameters, tls);
        return parameters;
    }

    /** The certificate every member of this cluster presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The manager that accepts exactly the peers holding this cluster's key. */
    public X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    public KeyManager[] keyManagers() {
        return keyManagers.clone();
    }

    /**
     * A private scalar in [1, n-1] from HMAC-SHA256 of the secret: 384 bits reduced mod n-1, so the
     * bias is below 2^-128. The secret is at least 16 characters and already the key of every
     * signature in discovery; a slow hash would not make it harder to guess here than there.
     */
    static BigInteger scalar(String secret, BigInteger order) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] wide = new byte[48];
        for (int block = 0; block < 2; block++) {
            mac.update(("jesdb raft tls key|" + block).getBytes(StandardCharsets.UTF_8));
            byte[] part = mac.doFinal();
            System.arraycopy(part, 0, wide, block * 24, 24);
        }
        return new BigInteger(1, wide).mod(order.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }

    private static ECParameterSpec jdkCurve() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(CURVE));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static X509Certificate certificate(PrivateKey privateKey, PublicKey publicKey)
            throws OperatorCreationException, CertificateException {
        X500Name name = new X500Name("CN=jesdb-raft");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(Instant.parse("2000-01-01T00:00:00Z")), Date.from(Instant.parse("2100-01-01T00:00:00Z")),
                name, publicKey);
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(privateKey)));
    }

    @Override
    public String toString() {
        return "RaftTls[" + certificate.getSubjectX500Principal().getName() + "]";
    }

    /**
     * Trusts a peer whose certificate holds this cluster's public key and is signed by it. The
     * extended form, so that the JDK adds no host name check of its own on top.
     */
    static final class SameKeyTrustManager extends X509ExtendedTrustManager {
        private final X509Certificate ours;

        SameKeyTrustManager(X509Certificate ours) {
            this.ours = ours;
        }

        void requireClusterKey(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the peer showed no certificate");
            }
            X509Certificate peer = chain[0];
            if (!peer.getPublicKey().equals(ours.getPublicKey())) {
                throw new CertificateException("the peer's Raft certificate is not of this cluster's secret: "
                        + "is JESDB_CLUSTER_SECRET the same on every member?");
            }
            try {
                peer.verify(ours.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new CertificateException("the peer's Raft certificate is not signed with this cluster's key", e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            requireClusterKey(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            requireClusterKey(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            requireClusterKey(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            requireClusterKey(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            requireClusterKey(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            requireClusterKey(chain);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {ours};
        }
    }
}
