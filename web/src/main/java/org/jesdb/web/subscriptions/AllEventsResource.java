package org.jesdb.web.subscriptions;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.web.security.CurrentCaller;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.subscriptions.Glob;
import org.jesdb.store.subscriptions.PayloadMatcher;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;

/** A transient subscription to $all over SSE, optionally narrowed by globs on stream and type. */
@Path("stores/{store}/all/events")
@RequestScoped
@Tag(name = "subscriptions")
public class AllEventsResource {

    @EJB
    SubscriptionService subscriptions;

    @Inject
    LiveEvents live;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow $all over SSE: catch up from a position, then live",
            description = "Without from: only new events. Select with stream and/or type globs (* and ?, never "
                    + "regular expressions), or eventTypes (a comma-separated list), or payload (a JSON object the "
                    + "event's data must hold), one kind at a time. Last-Event-ID resumes after that position.")
    @APIResponse(responseCode = "429", description = "With security on: the user already holds JESDB_MAX_CONNECTIONS_PER_USER subscription connections on this node (too-many-connections)")
    public void follow(@PathParam("store") String store,
                       @QueryParam("from") @Parameter(description = "start, end (default) or a position") String from,
                       @QueryParam("stream") @Parameter(description = "glob on the stream name, e.g. order-*") String stream,
                       @QueryParam("type") @Parameter(description = "glob on the event type, e.g. Order*") String type,
                       @QueryParam("eventTypes") @Parameter(description = "event types, comma-separated") String eventTypes,
                       @QueryParam("payload") @Parameter(description = "a JSON object, e.g. {\"tier\":\"gold\"}") String payload,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        live.open(subscriptions, currentCaller.get(), currentCaller.tokenExpires(), store,
                selector(stream, type, eventTypes, payload), SubscriptionJson.fromQuery(from, false, StartPoint.end()),
                lastEventId, sink, sse);
    }

    private static Selector selector(String stream, String type, String eventTypes, String payload) {
        boolean pattern = stream != null || type != null;
        if ((pattern ? 1 : 0) + (eventTypes != null ? 1 : 0) + (payload != null ? 1 : 0) > 1) {
            throw new InvalidInputException(eventTypes != null ? "eventTypes" : "payload",
                    "choose one kind of selector: stream/type globs, eventTypes or payload");
        }
        if (pattern) {
            return new Selector.ByPattern(stream == null ? null : Glob.compile("stream", stream),
                    type == null ? null : Glob.compile("type", type));
        }
        if (eventTypes != null) {
            return new Selector.ByEventType(Arrays.stream(eventTypes.split(",", -1)).map(String::trim).toList());
        }
        return payload == null ? Selector.all() : new Selector.ByPayload(PayloadMatcher.of("payload", payload));
    }
}
