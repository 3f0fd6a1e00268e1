package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jesdb.it.Api.Answer;
import org.jesdb.it.inprocess.BilledEventsResource;
import org.jesdb.it.inprocess.BillingConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bean deployed beside the store consumes a persistent subscription through the EJB API:
 * each selected event reaches its handler, returning acknowledges it, throwing retries it.
 */
@ExtendWith(ArquillianExtension.class)
class InProcessConsumerIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.jesdbWar().addClasses(BillingConsumer.class, BilledEventsResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void everySelectedEventIsHandledOnceAndOneThatThrowsIsHandledAgainOnItsSecondAttempt() {
        Api api = Deployments.readyApi(base);
        String stream = "billing-" + UUID.randomUUID();
        Answer appended = api.post("api/stores/default/streams/" + stream, "{\"expectedVersion\":\"no_stream\",\"events\":["
                + "{\"type\":\"InvoiceRequested\",\"data\":{\"note\":\"first\"}},"
                + "{\"type\":\"OrderPlaced\",\"data\":{\"note\":\"fail-once\"}},"
                + "{\"type\":\"InvoiceRequested\",\"data\":{\"note\":\"fail-once\"}},"
                + "{\"type\":\"InvoiceRequested\",\"data\":{\"note\":\"third\"}},"
                + "{\"type\":\"OrderShipped\",\"data\":{}}]}");
        assertThat(appended.status()).as(appended.text()).isEqualTo(200);
        long lastPosition = appended.json().getJsonNumber("lastPosition").longValue();

        String first = stream + "@0#1";
        String failed = stream + "@2#1";
        String retried = stream + "@2#2";
        String third = stream + "@3#1";
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> handled = handledOf(api, stream);
            assertThat(handled).containsExactlyInAnyOrder(first, failed, retried, third);
            assertThat(handled.stream().filter(h -> h.endsWith("#1")))
                    .as("first attempts, in stream order").containsExactly(first, failed, third);
            assertThat(handled.indexOf(failed)).isLessThan(handled.indexOf(retried));
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonObject status = api.get("api/stores/default/subscriptions/it-billing").json();
            assertThat(status.getJsonNumber("acked").longValue()).isGreaterThanOrEqualTo(3);
            assertThat(status.getJsonNumber("nacked").longValue()).isGreaterThanOrEqualTo(1);
            assertThat(status.getJsonNumber("checkpoint").longValue()).isGreaterThan(lastPosition);
            assertThat(status.getInt("inFlight")).isZero();
        });
    }

    private static List<String> handledOf(Api api, String stream) {
        try (var reader = Json.createReader(new StringReader(api.get("api/test/billing").text()))) {
            return reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).filter(s -> s.startsWith(stream + "@")).toList();
        }
    }
}
