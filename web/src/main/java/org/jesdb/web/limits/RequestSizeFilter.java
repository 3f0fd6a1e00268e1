package org.jesdb.web.limits;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Enumeration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jesdb.ejb.config.HttpLimits;
import org.jesdb.web.errors.Problem;

/**
 * Refuses a request whose URL or headers are longer than {@link HttpLimits} allows, with a
 * problem naming the part, before a resource reads it. The authentication mechanism runs before
 * any filter (a request without valid credentials gets its 401 first), and the order among
 * filters is not fixed: a gateway may forward a long request, which the member then refuses.
 * Payara's listener refuses what exceeds its own, larger buffer.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestSizeFilter implements Filter {
    /** RFC 6585's status, which JAX-RS has no constant for. */
    private static final Response.StatusType HEADERS_TOO_LARGE = Problem.status(431, "Request Header Fields Too Large");

    private HttpLimits limits;

    @Override
    public void init(FilterConfig config) {
        limits = HttpLimits.from(ConfigProvider.getConfig());
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long url = urlBytes(http);
        if (url > limits.maxUrlBytes()) {
            Problem.of(Response.Status.REQUEST_URI_TOO_LONG, "url-too-long", "the URL (path and query) holds " + url
                            + " bytes, more than the limit of " + limits.maxUrlBytes() + " (JESDB_MAX_URL_BYTES)")
                    .with("field", "url").with("limit", limits.maxUrlBytes())
                    .writeTo((HttpServletResponse) response);
            return;
        }
        long headers = headerBytes(http);
        if (headers > limits.maxHeaderBytes()) {
            Problem.of(HEADERS_TOO_LARGE, "headers-too-large", "the headers hold " + headers
                            + " bytes, more than the limit of " + limits.maxHeaderBytes() + " (JESDB_MAX_HEADER_BYTES)")
                    .with("field", "headers").with("limit", limits.maxHeaderBytes())
                    .writeTo((HttpServletResponse) response);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The path and query as sent (percent-encoded, so one character is one byte). */
    static long urlBytes(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI().length() + (query == null ? 0 : 1 + query.length());
    }

    /** Every header line's name and value, as a client sends them ("name: value" and CRLF). */
    static long headerBytes(HttpServletRequest request) {
        long bytes = 0;
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                bytes += name.length() + 2 + values.nextElement().length() + 2;
            }
        }
        return bytes;
    }
}
