package org.jesdb.web.errors;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response.Status;
import java.lang.reflect.Proxy;
import org.eclipse.microprofile.metrics.Tag;
import org.jesdb.web.metrics.RecordingRegistry;
import org.junit.jupiter.api.Test;

class ProblemCounterTest {
    private static final String ERRORS = "jesdb.errors";

    final RecordingRegistry recording = new RecordingRegistry();
    final ProblemCounter counter = new ProblemCounter();

    @Test
    void errorAnswersAreCountedByProblemTypeWithEachCounterLookedUpOnce() {
        counter.registry = recording.registry;
        String conflict = Problem.of(Status.CONFLICT, "wrong-expected-version", "stream 's' is at version 4").toJson().toString();

        for (int i = 0; i < 5; i++) {
            counter.filter(null, response(409, conflict));
        }
        counter.filter(null, response(502, "Bad Gateway"));
        counter.filter(null, response(200, "{}"));

        assertThat(recording.updatesOf(ERRORS, new Tag("type", "wrong-expected-version"))).isEqualTo(5);
        assertThat(recording.updatesOf(ERRORS, new Tag("type", "http-502"))).isEqualTo(1);
        assertThat(recording.lookups).hasValue(2);
    }

    private static ContainerResponseContext response(int status, String entity) {
        return (ContainerResponseContext) Proxy.newProxyInstance(ProblemCounterTest.class.getClassLoader(),
                new Class<?>[] {ContainerResponseContext.class}, (proxy, call, args) -> switch (call.getName()) {
                    case "getStatus" -> status;
                    case "getEntity" -> entity;
                    default -> throw new UnsupportedOperationException(call.toString());
                });
    }
}
