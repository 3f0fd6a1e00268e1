package org.jesdb.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jesdb.store.security.Caller;

/**
 * Who may read {@code /metrics}: admins, and users with the role {@value #ROLE} (give one to a
 * Prometheus scrape). Its tags name every store and persistent subscription, which a user limited
 * to some streams must not learn (a subscription it may not read answers as unknown).
 */
final class MetricsReaders {
    static final String ROLE = "metrics";

    private MetricsReaders() {
    }

    /** Whether the request is for /metrics and the caller may not read it. */
    static boolean refuse(HttpServletRequest request, Caller caller) {
        return isMetrics(request) && !caller.isAdmin() && !caller.roles().contains(ROLE);
    }

    /**
     * By the path the container routed (decoded, so an encoded name reaches the same answer), with
     * the context path in front: Payara serves /metrics in a context of its own or in the root one.
     */
    static boolean isMetrics(HttpServletRequest request) {
        String path = request.getContextPath() + request.getServletPath()
                + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/metrics") || path.startsWith("/metrics/");
    }
}
