package org.jesdb.web.gateway;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request's raw path or query as the gateway received it, made into text that
 * {@link java.net.URI} takes. The container hands them over undecoded, and clients send
 * characters such as {@code {"} or {@code |} unencoded, which a store node's JAX-RS encodes
 * itself; the gateway must forward such a request as the node would take it, not fail on it.
 * What is legal is kept as it is (escapes included), so nothing is encoded twice.
 */
final class RawUriText {
    /** RFC 2396's unreserved marks and reserved characters, which java.net.URI accepts in a path or query. */
    private static final String KEPT = "-_.!~*'();/?:@&=+$,";

    private RawUriText() {
    }

    static String escapeIllegal(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        byte[] bytes = raw.getBytes(charsetOf(raw));
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (isKept(b) || (b == '%' && isEscape(bytes, i))) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /**
     * The container makes the request line's bytes into characters one byte each (ISO-8859-1):
     * those bytes are what the client sent. Only text that cannot have come that way is UTF-8.
     */
    private static Charset charsetOf(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) > 0xFF) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    private static boolean isKept(int b) {
        return b < 0x80 && (Character.isLetterOrDigit(b) || KEPT.indexOf(b) >= 0);
    }

    /** A % that starts an escape: two hex digits follow. */
    private static boolean isEscape(byte[] bytes, int at) {
        return at + 2 < bytes.length && Character.digit(bytes[at + 1], 16) >= 0 && Character.digit(bytes[at + 2], 16) >= 0;
    }
}
