package org.jesdb.web.security;

/**
 * The {@code WWW-Authenticate} header of a 401. A script's request (the console sends
 * {@code X-Requested-With: XMLHttpRequest}) gets no Basic challenge: a browser that sees one pops
 * its own password dialog over the page's sign-in form. Bearer alone is still named, as a 401
 * must name a scheme, and browsers ask nothing for it.
 */
public final class Challenge {
    static final String BASIC_AND_BEARER = "Basic realm=\"jesdb\", Bearer realm=\"jesdb\"";
    static final String BEARER_ONLY = "Bearer realm=\"jesdb\"";

    private Challenge() {
    }

    /** The challenge for a request whose X-Requested-With header is {@code requestedWith} (may be null). */
    public static String of(String requestedWith) {
        return "XMLHttpRequest".equalsIgnoreCase(requestedWith) ? BEARER_ONLY : BASIC_AND_BEARER;
    }
}
