package org.jesdb.web.csrf;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The WebSocket handshake of a subscription consumer is a GET, but the connection it opens takes
 * deliveries and acknowledges them, and browsers apply no same-origin rule to WebSockets: a
 * handshake from a page of another origin is refused with a 403 {@code cross-origin} problem
 * before the upgrade. The JAX-RS filter never sees a handshake, so this is a servlet filter.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class WebSocketOriginFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String origin = http.getHeader("Origin");
        if ("websocket".equalsIgnoreCase(http.getHeader("Upgrade")) && SameOrigin.refusesHandshake(origin, http.getHeader("Host"))) {
            SameOrigin.problem(origin).writeTo((HttpServletResponse) response);
            return;
        }
        chain.doFilter(request, response);
    }
}
