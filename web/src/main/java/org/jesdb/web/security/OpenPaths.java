package org.jesdb.web.security;

/**
 * What a request may reach without credentials: the health checks (orchestrators probe them
 * without any) and the console's static files (they hold no data; every API call the page makes
 * still needs credentials, and the page must load to show its sign-in form). Decided on the
 * servlet path the container mapped the request to, never on the raw URI, which a path like
 * /health/../api or /console/../api would fool.
 */
public final class OpenPaths {
    private static final String CONSOLE = "/console";

    private OpenPaths() {
    }

    /** Whether a request with this method and servlet path passes without credentials. */
    public static boolean isOpen(String method, String servletPath) {
        if ("/health".equals(servletPath)) {
            return true;
        }
        return isConsoleFile(servletPath) && ("GET".equals(method) || "HEAD".equals(method));
    }

    private static boolean isConsoleFile(String servletPath) {
        return servletPath != null && (servletPath.equals(CONSOLE) || servletPath.startsWith(CONSOLE + "/"));
    }
}
