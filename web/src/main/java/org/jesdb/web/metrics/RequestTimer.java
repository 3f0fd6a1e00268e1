package org.jesdb.web.metrics;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Times every API request from its arrival to its answer (for SSE: until the stream starts),
 * into one histogram in microseconds tagged with the operation: the resource class and method
 * ({@code StreamResource.append}, {@code StreamResource.read}, {@code AllResource.read}, ...).
 * Never the path: the tag has one value per API method, not one per stream asked for. Not
 * {@code @Timed}: Payara writes a Timer's quantiles in nanoseconds under a {@code _seconds}
 * name, and its interceptor registers the metric again on every request-scoped resource it
 * creates.
 */
@Provider
public class RequestTimer implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String STARTED = RequestTimer.class.getName() + ".started";
    private static final Metadata REQUESTS = Metadata.builder().withName("jesdb.request.microseconds")
            .withDescription("API requests from arrival to answer, in µs, by operation").build();

    @Inject
    MetricRegistry registry;

    @Context
    ResourceInfo resource;

    /** One histogram per resource method, looked up in the registry once, not on every request. */
    private final Map<Method, Histogram> histograms = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started) || resource == null || resource.getResourceMethod() == null) {
            return; // no resource method matched (a 404 of an unknown path): nothing to name it by
        }
        long micros = (System.nanoTime() - started) / 1_000;
        histograms.computeIfAbsent(resource.getResourceMethod(),
                method -> registry.histogram(REQUESTS, new Tag("operation", operation(resource)))).update(micros);
    }

    /** {@code Class.method} of the resource method that answered. */
    static String operation(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass() != null ? resource.getResourceClass() : method.getDeclaringClass();
        String name = type.getSimpleName();
        // A CDI proxy subclass is named after the class: StreamResource$Proxy$_$$_WeldSubclass.
        int proxy = name.indexOf('$');
        return (proxy > 0 ? name.substring(0, proxy) : name) + "." + method.getName();
    }
}
