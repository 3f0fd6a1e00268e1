package org.jesdb.launcher;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** The PEM text of a certificate, the form curl's --cacert and most trust tools read. */
final class Pem {
    private Pem() {
    }

    static String certificate(X509Certificate certificate) throws CertificateEncodingException {
        Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN CERTIFICATE-----\n" + lines.encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
