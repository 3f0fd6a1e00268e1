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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.web.security.CurrentCaller;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;

/** A transient subscription to one stream over SSE. */
@Path("stores/{store}/streams/{stream}/events")
@RequestScoped
@Tag(name = "subscriptions")
public class StreamEventsResource {

    @EJB
    SubscriptionService subscriptions;

    @Inject
    LiveEvents live;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow a stream over SSE: catch up from a version, then live",
            description = "Without from: only new events. Each SSE event has id = global position, event = type, "
                    + "data = the event. Last-Event-ID resumes after that position.")
    @APIResponse(responseCode = "429", description = "With security on: the user already holds JESDB_MAX_CONNECTIONS_PER_USER subscription connections on this node (too-many-connections)")
    public void follow(@PathParam("store") String store, @PathParam("stream") String stream,
                       @QueryParam("from") @Parameter(description = "start, end (default) or a version") String from,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        live.open(subscriptions, currentCaller.get(), currentCaller.tokenExpires(), store,
                Selector.stream(stream), SubscriptionJson.fromQuery(from, true, StartPoint.end()),
                lastEventId, sink, sse);
    }
}
