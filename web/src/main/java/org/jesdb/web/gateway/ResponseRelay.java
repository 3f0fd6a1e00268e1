package org.jesdb.web.gateway;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import org.jesdb.ejb.cluster.HttpNodeDirectory.StoreNode;

/**
 * Copies a node's answer to the gateway's client: status, headers (not the connection's own),
 * then the body as it comes, flushed whenever the node pauses, so an SSE stream passes event by
 * event. A body the node breaks off is broken off for the client too, never ended cleanly.
 */
final class ResponseRelay {
    private static final Logger LOG = Logger.getLogger(ResponseRelay.class.getName());
    /** Headers that belong to one connection. */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");

    private ResponseRelay() {
    }

    static void relay(HttpResponse<InputStream> response, StoreNode node, HttpServletResponse out) throws IOException {
        out.setStatus(response.statusCode());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> out.addHeader(name, relative(name, value, node)));
            }
        });
        try (InputStream body = response.body()) {
            OutputStream sink = out.getOutputStream();
            out.flushBuffer();
            byte[] buffer = new byte[16 * 1024];
            while (true) {
                int n;
                try {
                    n = body.read(buffer);
                } catch (IOException nodeBrokeOff) {
                    // Rethrown: the container then drops the connection instead of ending the body cleanly.
                    throw new IOException("node '" + node.id() + "' broke off its answer", nodeBrokeOff);
                }
                if (n < 0) {
                    return;
                }
                try {
                    sink.write(buffer, 0, n);
                    if (body.available() == 0) {
                        sink.flush();
                    }
                } catch (IOException clientGone) {
                    // Closing the body ends the request to the node.
                    LOG.fine(() -> "a client went away from an answer of node '" + node.id() + "'");
                    return;
                }
            }
        }
    }

    /** A Location that points at the node becomes a path, so the client stays on the gateway. */
    private static String relative(String name, String value, StoreNode node) {
        String origin = node.url().toString().replaceAll("/$", "");
        if ("location".equalsIgnoreCase(name) && value.startsWith(origin)) {
            String path = value.substring(origin.length());
            return path.startsWith("/") ? path : "/" + path;
        }
        return value;
    }
}
