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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.store.subscriptions.Glob;
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

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow $all over SSE: catch up from a position, then live",
            description = "Without from: only new events. stream and type take globs (* and ?), never regular "
                    + "expressions. Last-Event-ID resumes after that position.")
    public void follow(@PathParam("store") String store,
                       @QueryParam("from") @Parameter(description = "start, end (default) or a position") String from,
                       @QueryParam("stream") @Parameter(description = "glob on the stream name, e.g. order-*") String stream,
                       @QueryParam("type") @Parameter(description = "glob on the event type, e.g. Order*") String type,
                       @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        Selector selector = stream == null && type == null ? Selector.all()
                : new Selector.ByPattern(stream == null ? null : Glob.compile("stream", stream),
                        type == null ? null : Glob.compile("type", type));
        live.open(subscriptions, store, selector, SubscriptionJson.fromQuery(from, false, StartPoint.end()),
                lastEventId, sink, sse);
    }
}
