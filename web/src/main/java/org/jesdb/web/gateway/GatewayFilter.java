package org.jesdb.web.gateway;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jesdb.ejb.lifecycle.StoreLifecycle;

/**
 * On a gateway node every API request goes to one of the store's nodes ({@link GatewayForwarder});
 * on a store node this filter lets everything through.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class GatewayFilter implements Filter {

    @EJB
    StoreLifecycle lifecycle;

    @Inject
    GatewayForwarder forwarder;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!lifecycle.isGateway()) {
            chain.doFilter(request, response);
            return;
        }
        forwarder.forward((HttpServletRequest) request, (HttpServletResponse) response);
    }
}
