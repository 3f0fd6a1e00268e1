package org.jesdb.web.subscriptions;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.subscriptions.ConnectionQuota;
import org.jesdb.ejb.subscriptions.DeliveryThreads;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.web.security.CurrentCaller;
import org.jesdb.store.security.Caller;
import org.jesdb.store.subscriptions.ConsumerHandle;
import org.jesdb.store.subscriptions.ParkedEvent;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionSettings;
import org.jesdb.web.json.JsonBody;
import org.jesdb.web.json.JsonFactories;
import org.jesdb.web.json.QueryParams;

/**
 * Persistent subscriptions: management, delivery over SSE, acknowledgements and parked events.
 * (WebSocket delivery is {@link SubscriptionSocket}.)
 */
@Path("stores/{store}/subscriptions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions")
@APIResponse(responseCode = "400", description = "Invalid input; the problem's \"field\" names it")
@APIResponse(responseCode = "403", description = "With security on: the caller may read the subscription but not write what it "
        + "selects (change, delete, replay), or may not read and write what a new one would select (access-denied)")
@APIResponse(responseCode = "404", description = "Unknown store or subscription; with security on, also a subscription the caller "
        + "may not read, answered alike so that names cannot be probed")
public class SubscriptionResource {
    /** Bodies here are small: a definition, or a list of event ids. */
    static final int MAX_BODY_BYTES = 1 << 20;

    @PathParam("store")
    String store;

    @EJB
    SubscriptionService subscriptions;

    @Inject
    DeliveryThreads threads;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    ConnectionQuota quota;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a persistent subscription (a durable subscriber of the store's topic)",
            description = "selector: one of {\"stream\": name or \"$all\"}, {\"eventTypes\": [..]}, "
                    + "{\"pattern\": {\"stream\": glob, \"type\": glob}}, {\"payload\": {JSON subset of the data}}. "
                    + "from: \"start\", \"end\" (default), {\"version\": N} (stream selector) or {\"position\": P}.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "by type", value = "{\"name\": \"billing\", \"selector\": {\"eventTypes\": "
                    + "[\"OrderPlaced\"]}, \"from\": \"start\", \"maxInFlight\": 100, \"maxRetries\": 10, "
                    + "\"ordering\": \"per-stream\", \"ackTimeoutMs\": 30000}")))
    @APIResponse(responseCode = "201", description = "Created; answers its status")
    @APIResponse(responseCode = "409", description = "A subscription with this name exists")
    public Response create(InputStream body) {
        JsonObject json = JsonBody.parseObject(body, MAX_BODY_BYTES);
        SubscriptionJson.requireKnownFields(json, false);
        String name = SubscriptionJson.name(json);
        var status = subscriptions.create(currentCaller.get(), store, name, SubscriptionJson.selector(json.get("selector")),
                SubscriptionJson.from(json.get("from"), StartPoint.end()),
                SubscriptionJson.settings(json, SubscriptionSettings.defaults()));
        return Response.created(UriBuilder.fromPath("stores").segment(store, "subscriptions", name).build())
                .entity(SubscriptionJson.status(status)).build();
    }

    @GET
    @Operation(summary = "List persistent subscriptions with their status")
    public JsonObject list() {
        return SubscriptionJson.statuses(subscriptions.list(currentCaller.get(), store));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "A subscription's settings and status: checkpoint, lag, inFlight, parked, consumers")
    public JsonObject status(@PathParam("name") String name) {
        return SubscriptionJson.status(subscriptions.status(currentCaller.get(), store, name));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change maxInFlight, maxRetries, ordering or ackTimeoutMs",
            description = "Fields left out keep their value. The selector and the start cannot change.")
    public JsonObject update(@PathParam("name") String name, InputStream body) {
        JsonObject json = JsonBody.parseObject(body, MAX_BODY_BYTES);
        SubscriptionJson.requireKnownFields(json, true);
        SubscriptionSettings current = subscriptions.status(currentCaller.get(), store, name).settings();
        return SubscriptionJson.status(subscriptions.update(currentCaller.get(), store, name, SubscriptionJson.settings(json, current)));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a subscription, its checkpoint and its parked events; its consumers are closed")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("name") String name) {
        subscriptions.delete(currentCaller.get(), store, name);
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Receive the subscription's events over SSE, as one of its consumers",
            description = "Each SSE event has id = global position, event = event type, data = the event with "
                    + "\"attempt\". Acknowledge with POST .../ack; unacknowledged events come back after ackTimeoutMs "
                    + "or when the connection closes. The subscription's checkpoint says where delivery resumes.")
    @APIResponse(responseCode = "429", description = "With security on: the user already holds JESDB_MAX_CONNECTIONS_PER_USER subscription connections on this node (too-many-connections)")
    public void events(@PathParam("name") String name, @Context SseEventSink sink, @Context Sse sse) {
        Caller caller = currentCaller.get();
        Runnable release = quota.take(caller);
        SseDelivery delivery = new SseDelivery(sink, sse, threads, TokenExpiry.at(currentCaller.tokenExpires()), release);
        ConsumerHandle consumer;
        try {
            consumer = subscriptions.connect(caller, store, name, delivery);
        } catch (RuntimeException refused) {
            release.run();
            throw refused;
        }
        delivery.attach(consumer, consumer::holds, () -> { });
    }

    @POST
    @Path("{name}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge delivered events by id")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "ack", value = "{\"ids\": [\"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b\"]}")))
    @APIResponse(responseCode = "200", description = "{\"acked\": how many were in flight}")
    public JsonObject ack(@PathParam("name") String name, InputStream body) {
        JsonObject json = JsonBody.parseObject(body, MAX_BODY_BYTES);
        int acked = subscriptions.ack(currentCaller.get(), store, name, SubscriptionJson.ids(json, "ids"));
        return JsonFactories.BUILDERS.createObjectBuilder().add("acked", acked).build();
    }

    @POST
    @Path("{name}/nack")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refuse delivered events: retry (default, with backoff), park or skip")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "nack", value = "{\"ids\": [\"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b\"], "
                    + "\"action\": \"park\"}")))
    @APIResponse(responseCode = "200", description = "{\"nacked\": how many were in flight}")
    public JsonObject nack(@PathParam("name") String name, InputStream body) {
        JsonObject json = JsonBody.parseObject(body, MAX_BODY_BYTES);
        int nacked = subscriptions.nack(currentCaller.get(), store, name, SubscriptionJson.ids(json, "ids"), SubscriptionJson.action(json.get("action")));
        return JsonFactories.BUILDERS.createObjectBuilder().add("nacked", nacked).build();
    }

    @GET
    @Path("{name}/parked")
    @Operation(summary = "List parked events, oldest first; page with ?after=<position>")
    public Response parked(@PathParam("name") String name,
                           @QueryParam("after") @Parameter(description = "List positions above this one") String after,
                           @QueryParam("limit") @Parameter(description = "1..1000 (default 100)") String limit) {
        long afterPosition = after == null ? -1 : QueryParams.number("after", after, 0, Long.MAX_VALUE);
        int count = QueryParams.count("limit", limit, 100);
        List<ParkedEvent> page = subscriptions.listParked(currentCaller.get(), store, name, afterPosition, count);
        Long next = page.size() == count ? page.get(page.size() - 1).event().position() : null;
        return Response.ok(SubscriptionJson.parked(page, next), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("{name}/parked/replay")
    @Operation(summary = "Deliver the parked events again; each leaves the parked list once acknowledged")
    @APIResponse(responseCode = "200", description = "{\"replayed\": how many were queued}")
    public JsonObject replayParked(@PathParam("name") String name) {
        int replayed = subscriptions.replayParked(currentCaller.get(), store, name);
        return JsonFactories.BUILDERS.createObjectBuilder().add("replayed", replayed).build();
    }
}
