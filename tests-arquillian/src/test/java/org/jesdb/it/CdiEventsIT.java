package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jesdb.it.cdi.ObservedEventsResource;
import org.jesdb.it.cdi.RecordingObserver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bean deployed beside the store hears every committed append as a CDI event, in log order. */
@ExtendWith(ArquillianExtension.class)
class CdiEventsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.jesdbWar().addClasses(RecordingObserver.class, ObservedEventsResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void everyCommittedAppendIsObservedInLogOrderAndRejectedOnesAreNot() {
        Api api = Deployments.readyApi(base);
        String stream = "cdi-" + UUID.randomUUID();
        JsonObject first = api.post("api/stores/default/streams/" + stream,
                "{\"expectedVersion\":\"no_stream\",\"events\":[{\"type\":\"A\",\"data\":{}},{\"type\":\"B\",\"data\":{}}]}").json();
        api.post("api/stores/default/streams/" + stream, "{\"expectedVersion\":\"no_stream\",\"events\":[{\"type\":\"C\",\"data\":{}}]}");
        api.post("api/stores/default/streams/" + stream, "{\"expectedVersion\":1,\"events\":[{\"type\":\"D\",\"data\":{}}]}");
        long p = first.getJsonNumber("firstPosition").longValue();

        List<String> expected = List.of(stream + "@0#" + p, stream + "@1#" + (p + 1), stream + "@2#" + (p + 2));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heardOf(api, stream)).containsExactlyElementsOf(expected));
    }

    private static List<String> heardOf(Api api, String stream) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(api.get("api/test/observed").text()))) {
            return reader.readArray().getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).filter(s -> s.startsWith(stream + "@")).toList();
        }
    }
}
