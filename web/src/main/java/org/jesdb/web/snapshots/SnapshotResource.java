package org.jesdb.web.snapshots;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.snapshots.SnapshotService;
import org.jesdb.store.ReadOptions;
import org.jesdb.store.snapshots.Snapshot;
import org.jesdb.store.snapshots.SnapshotList;
import org.jesdb.store.snapshots.SnapshotSummary;
import org.jesdb.web.security.CurrentCaller;
import org.jesdb.web.json.DataJson;
import org.jesdb.web.json.JsonBody;
import org.jesdb.web.json.JsonFactories;
import org.jesdb.web.json.QueryParams;

/** Snapshots by source (the projection or aggregate that made it), stream and version. */
@Path("stores/{store}/snapshots")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "snapshots")
@APIResponse(responseCode = "400", description = "Invalid input; the problem's \"field\" names it")
@APIResponse(responseCode = "403", description = "With security on: the caller may not read (or, to record or delete, write) the snapshot's stream (access-denied)")
@APIResponse(responseCode = "404", description = "Unknown store or no such snapshot")
public class SnapshotResource {

    @PathParam("store")
    String store;

    @EJB
    SnapshotService snapshots;

    @Inject
    CurrentCaller currentCaller;

    @EJB
    StoreLifecycle lifecycle;

    @PUT
    @Path("{source}/{stream}/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a snapshot",
            description = "Body {\"data\": any JSON}; with \"contentType\" other than JSON, data is a base64 string. "
                    + "Replaces a snapshot recorded before under the same source, stream and version.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "snapshot", value = "{\"data\": {\"total\": 42, \"lines\": 3}}")))
    @APIResponse(responseCode = "200", description = "Recorded")
    @APIResponse(responseCode = "413", description = "The snapshot exceeds the size limit")
    public JsonObject record(@PathParam("source") String source, @PathParam("stream") String stream,
                             @PathParam("version") String version, InputStream body) {
        long number = QueryParams.number("version", version, 0, Long.MAX_VALUE);
        JsonObject json = JsonBody.parseObject(body, JsonBody.maxBytesFor(lifecycle.config().limits()));
        String contentType = DataJson.contentType("contentType", json.get("contentType"));
        snapshots.recordSnapshot(currentCaller.get(), store, source, stream, number, contentType,
                DataJson.payload("data", json.get("data"), contentType));
        return JsonFactories.BUILDERS.createObjectBuilder().add("source", source).add("stream", stream).add("version", number).build();
    }

    @GET
    @Path("{source}/{stream}/latest")
    @Operation(summary = "Read the snapshot with the highest version for a source and stream")
    @APIResponse(responseCode = "200", description = "The snapshot",
            content = @Content(schema = @Schema(implementation = SnapshotAnswer.class)))
    public Response latest(@PathParam("source") String source, @PathParam("stream") String stream) {
        return Response.ok(json(snapshots.readLatestSnapshot(currentCaller.get(), store, source, stream))).build();
    }

    @GET
    @Path("{source}/{stream}/{version}")
    @Operation(summary = "Read one snapshot")
    @APIResponse(responseCode = "200", description = "The snapshot",
            content = @Content(schema = @Schema(implementation = SnapshotAnswer.class)))
    public Response read(@PathParam("source") String source, @PathParam("stream") String stream,
                         @PathParam("version") String version) {
        long number = QueryParams.number("version", version, 0, Long.MAX_VALUE);
        return Response.ok(json(snapshots.readSnapshot(currentCaller.get(), store, source, stream, number))).build();
    }

    @DELETE
    @Path("{source}/{stream}/{version}")
    @Operation(summary = "Delete one snapshot")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("source") String source, @PathParam("stream") String stream,
                           @PathParam("version") String version) {
        snapshots.deleteSnapshot(currentCaller.get(), store, source, stream, QueryParams.number("version", version, 0, Long.MAX_VALUE));
        return Response.noContent().build();
    }

    @GET
    @Operation(summary = "List snapshots",
            description = "All of them, those of one source, or of one source and stream (or of one stream across sources), "
                    + "ordered by source, stream and version; without their data. A page at a time: next is the after of "
                    + "the next page, null at the end. A page filtered by the access rules may hold fewer than asked "
                    + "while next goes on.")
    public JsonObject list(@QueryParam("source") String source, @QueryParam("stream") String stream,
                           @QueryParam("after") @Parameter(description = "the next of the page before") String after,
                           @QueryParam("limit") @Parameter(description = "1..1000, default 100") String limit) {
        SnapshotList page = snapshots.listSnapshots(currentCaller.get(), store, blankToNull(source), blankToNull(stream),
                blankToNull(after), QueryParams.count("limit", limit, ReadOptions.DEFAULT_COUNT));
        JsonArrayBuilder items = JsonFactories.BUILDERS.createArrayBuilder();
        for (SnapshotSummary summary : page.snapshots()) {
            items.add(JsonFactories.BUILDERS.createObjectBuilder().add("source", summary.source()).add("stream", summary.stream())
                    .add("version", summary.version()).add("created", summary.created().toString())
                    .add("size", summary.size()));
        }
        var answer = JsonFactories.BUILDERS.createObjectBuilder().add("snapshots", items);
        return (page.next() == null ? answer.addNull("next") : answer.add("next", page.next())).build();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static StreamingOutput json(Snapshot snapshot) {
        return output -> {
            try (JsonGenerator out = JsonFactories.GENERATORS.createGenerator(output)) {
                out.writeStartObject().write("source", snapshot.source()).write("stream", snapshot.stream())
                        .write("version", snapshot.version()).write("created", snapshot.created().toString())
                        .write("contentType", snapshot.contentType());
                DataJson.write(out, "data", snapshot.contentType(), snapshot.data());
                out.writeEnd();
            }
        };
    }

    /** A snapshot as read, for the OpenAPI document. */
    @Schema(name = "Snapshot")
    public record SnapshotAnswer(String source, String stream, long version, String created, String contentType,
                                 @Schema(description = "any JSON") Object data) {
    }
}
