package org.jesdb.web.errors;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jesdb.web.json.JsonFactories;

/**
 * Counts the API's errors by problem type ({@code jesdb_errors_total{type="wrong-expected-version"}}):
 * every error answer is a problem document, so one filter sees them all, whichever mapper made it.
 */
@Provider
public class ProblemCounter implements ContainerResponseFilter {
    private static final String PREFIX = "urn:jesdb:problem:";
    private static final Metadata ERRORS = Metadata.builder().withName("jesdb.errors")
            .withDescription("Error answers of the API, by problem type").build();

    @Inject
    MetricRegistry registry;

    /** One counter per problem type (a bounded set), looked up in the registry once, not on every error. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400) {
            return;
        }
        counters.computeIfAbsent(type(response), type -> registry.counter(ERRORS, new Tag("type", type))).inc();
    }

    private static String type(ContainerResponseContext response) {
        if (response.getEntity() instanceof String text && text.startsWith("{")) {
            try (var reader = JsonFactories.READERS.createReader(new StringReader(text))) {
                String type = reader.readObject().getString("type", "");
                if (type.startsWith(PREFIX)) {
                    return type.substring(PREFIX.length());
                }
            } catch (RuntimeException notAProblem) {
                // counted by its status below
            }
        }
        return "http-" + response.getStatus();
    }
}
