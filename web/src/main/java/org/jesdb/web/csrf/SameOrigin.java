package org.jesdb.web.csrf;

import jakarta.ws.rs.core.Response.Status;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.jesdb.web.errors.Problem;

/**
 * The rule against cross-site request forgery: a browser names the page that sends a request in
 * its {@code Origin} header, and the server it sends it to in {@code Host}. A request that would
 * change something and comes from a page of another host or port is refused, so a page on the
 * web cannot make a visitor's browser append to or delete from a node it can reach (the
 * loopback included). The console is served by the node itself, so its requests pass; the CLI,
 * the Java client and curl send no {@code Origin} and pass too.
 */
public final class SameOrigin {
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");

    private SameOrigin() {
    }

    /** Whether a request with this method, {@code Origin} and {@code Host} (either may be null) is refused. */
    public static boolean refuses(String method, String origin, String host) {
        return method != null && CHANGING.contains(method.toUpperCase(Locale.ROOT)) && refusesHandshake(origin, host);
    }

    /**
     * For a WebSocket handshake (a GET whose connection then acknowledges and takes deliveries):
     * refused when it carries an {@code Origin} of another host or port.
     */
    public static boolean refusesHandshake(String origin, String host) {
        return origin != null && !sameHostAndPort(origin, host);
    }

    public static Problem problem(String origin) {
        return Problem.of(Status.FORBIDDEN, "cross-origin", "a page of " + origin + " may not change this node's data: "
                + "use the console this node serves, or send the request without an Origin header (CLI, Java client, curl)")
                .with("origin", origin);
    }

    /**
     * Host and port of the origin against the Host header. A Host without a port takes the
     * origin scheme's default: Host carries no scheme, and a TLS proxy in front changes the
     * scheme the node sees, not the one the browser used. An origin without a host ("null", from
     * a sandboxed page or a file) never matches.
     */
    static boolean sameHostAndPort(String origin, String host) {
        URI page = parse(origin);
        URI server = host == null ? null : parse((page == null ? "http" : page.getScheme()) + "://" + host);
        if (page == null || server == null || server.getRawUserInfo() != null || !server.getRawPath().isEmpty()
                || server.getRawQuery() != null || server.getRawFragment() != null) {
            return false;
        }
        int defaultPort = "https".equalsIgnoreCase(page.getScheme()) ? 443 : 80;
        return page.getHost().equalsIgnoreCase(server.getHost()) && port(page, defaultPort) == port(server, defaultPort);
    }

    private static URI parse(String text) {
        try {
            URI uri = new URI(text);
            return uri.getScheme() == null || uri.getHost() == null ? null : uri;
        } catch (URISyntaxException notAnOrigin) {
            return null;
        }
    }

    private static int port(URI uri, int defaultPort) {
        return uri.getPort() < 0 ? defaultPort : uri.getPort();
    }
}
