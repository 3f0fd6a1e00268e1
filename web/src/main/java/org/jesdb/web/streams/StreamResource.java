package org.jesdb.web.streams;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.streams.StreamService;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.ReadOptions;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.Direction;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.StreamList;
import org.jesdb.store.streams.StreamSummary;
import org.jesdb.web.security.CurrentCaller;
import org.jesdb.web.json.EventJson;
import org.jesdb.web.json.JsonBody;
import org.jesdb.web.json.JsonFactories;
import org.jesdb.web.json.PageJson;
import org.jesdb.web.json.QueryParams;

/** Streams: append, read, version, list, delete. */
@Path("stores/{store}/streams")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "streams")
@APIResponse(responseCode = "400", description = "Invalid input; the problem's \"field\" names it")
@APIResponse(responseCode = "403", description = "With security on: the access rules do not give the caller the right this needs on the stream (access-denied, naming stream and right)")
@APIResponse(responseCode = "404", description = "Unknown store, or the stream has no events")
@APIResponse(responseCode = "503", description = "No leader or overloaded; retry after Retry-After")
@APIResponse(responseCode = "504", description = "Timed out; the outcome of a write is unknown, retry it with the same event ids")
public class StreamResource {
    private static final String APPEND_EXAMPLE = "{\"expectedVersion\": \"no_stream\", \"events\": [{\"id\": "
            + "\"3f2b8c1e-6a3b-4c1f-9a57-0c8d6f1e2a4b\", \"type\": \"OrderPlaced\", \"data\": {\"total\": 12.5}, "
            + "\"metadata\": {\"user\": \"ada\"}}]}";

    // No @Parameter here: Payara's OpenAPI fails on parameter annotations of fields.
    @PathParam("store")
    String store;

    @EJB
    StreamService streams;

    @Inject
    CurrentCaller currentCaller;

    @EJB
    StoreLifecycle lifecycle;

    @POST
    @Path("{stream}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Append events to a stream",
            description = "Creates the stream on its first append. The batch is atomic. expectedVersion is \"any\" "
                    + "(default), \"no_stream\", \"stream_exists\" or the stream's last version. An event's id "
                    + "(a UUID) is generated when absent; a retry with the same ids returns the first answer and "
                    + "appends nothing. data is any JSON; with a contentType other than JSON it is a base64 string.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "append", value = APPEND_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Appended: the new versions and global positions",
            content = @Content(schema = @Schema(implementation = AppendAnswer.class)))
    @APIResponse(responseCode = "409", description = "Wrong expected version (with actualVersion), or an event id stored with other content")
    @APIResponse(responseCode = "410", description = "The stream was deleted permanently")
    @APIResponse(responseCode = "413", description = "An event or the batch exceeds the size limits")
    public AppendResult append(@PathParam("stream") String stream, InputStream body) {
        JsonObject json = JsonBody.parseObject(body, JsonBody.maxBytesFor(lifecycle.config().limits()));
        ExpectedVersion expected = EventJson.expectedVersion(json);
        List<ProposedEvent> events = EventJson.events(json);
        return streams.appendToStream(currentCaller.get(), store, stream, expected, events);
    }

    @GET
    @Path("{stream}")
    @Operation(summary = "Read a page of a stream",
            description = "Forward from version `from` (default 0) or backward from it (default: the end). "
                    + "Answers {\"events\": [...], \"next\": the `from` of the next page, or null at the end}.")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(schema = @Schema(implementation = PageAnswer.class)))
    @APIResponse(responseCode = "410", description = "The stream was deleted permanently")
    public Response read(@PathParam("stream") String stream,
                         @QueryParam("from") @Parameter(description = "First version to read; \"end\" reading backward") String from,
                         @QueryParam("count") @Parameter(description = "Events in the page, 1..1000 (default 100)") String count,
                         @QueryParam("direction") @Parameter(schema = @Schema(enumeration = {"forward", "backward"})) String direction,
                         @QueryParam("consistency") @Parameter(description = "linearizable (default) or local",
                                 schema = @Schema(enumeration = {"linearizable", "local"})) String consistency) {
        ReadOptions options = readOptions(from, count, direction, consistency);
        return Response.ok(PageJson.of(streams.readStream(currentCaller.get(), store, stream, options))).build();
    }

    @GET
    @Path("{stream}/version")
    @Operation(summary = "The version of a stream's last event", description = "-1 when the stream has no events.")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = VersionAnswer.class)))
    public JsonObject version(@PathParam("stream") String stream) {
        long version = streams.streamVersion(currentCaller.get(), store, stream);
        return JsonFactories.BUILDERS.createObjectBuilder().add("stream", stream).add("version", version).build();
    }

    @GET
    @Operation(summary = "List streams by name, in pages",
            description = "Streams that have events. Answers {\"streams\": [{\"name\", \"version\"}], \"next\": the `after` of the next page, or null}.")
    public JsonObject list(@QueryParam("after") @Parameter(description = "List names after this one, or a next as given "
                                   + "(one that starts with $ is sealed: it stopped at a stream the caller may not read)") String after,
                           @QueryParam("limit") @Parameter(description = "1..1000, default 100") String limit) {
        StreamList list = streams.listStreams(currentCaller.get(), store, after == null || after.isEmpty() ? null : after,
                QueryParams.count("limit", limit, ReadOptions.DEFAULT_COUNT));
        JsonArrayBuilder names = JsonFactories.BUILDERS.createArrayBuilder();
        for (StreamSummary summary : list.streams()) {
            names.add(JsonFactories.BUILDERS.createObjectBuilder().add("name", summary.name()).add("version", summary.version()));
        }
        var answer = JsonFactories.BUILDERS.createObjectBuilder().add("streams", names);
        return (list.next() == null ? answer.addNull("next") : answer.add("next", list.next())).build();
    }

    @DELETE
    @Path("{stream}")
    @Operation(summary = "Delete a stream",
            description = "mode=soft (default): the stream reads as absent (404) and a later append re-creates it, its "
                    + "versions going on after the deleted ones. mode=hard: a tombstone; the stream can never be read or "
                    + "written again (410). Either way the events stay in $all.")
    @APIResponse(responseCode = "200", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Wrong expected version")
    @APIResponse(responseCode = "410", description = "Already deleted permanently")
    public JsonObject delete(@PathParam("stream") String stream,
                             @QueryParam("mode") @Parameter(schema = @Schema(enumeration = {"soft", "hard"})) String mode,
                             @QueryParam("expectedVersion") @Parameter(description = "any (default), stream_exists or a version") String expected) {
        DeleteMode deleteMode = deleteMode(mode);
        ExpectedVersion expectedVersion = expected == null || expected.isEmpty()
                ? ExpectedVersion.any() : ExpectedVersion.parse("expectedVersion", expected);
        long lastVersion = streams.deleteStream(currentCaller.get(), store, stream, expectedVersion, deleteMode);
        return JsonFactories.BUILDERS.createObjectBuilder().add("stream", stream).add("mode", deleteMode.name().toLowerCase())
                .add("lastVersion", lastVersion).build();
    }

    private static DeleteMode deleteMode(String mode) {
        if (mode == null || mode.isEmpty() || mode.equals("soft")) {
            return DeleteMode.SOFT;
        }
        if (mode.equals("hard")) {
            return DeleteMode.HARD;
        }
        throw new InvalidInputException("mode", "must be soft or hard");
    }

    static ReadOptions readOptions(String from, String count, String direction, String consistency) {
        Direction way = QueryParams.direction(direction);
        ReadOptions options = way == Direction.FORWARD ? ReadOptions.forwards() : ReadOptions.backwards();
        options = options.from(QueryParams.from(from, way)).maxCount(QueryParams.count("count", count, ReadOptions.DEFAULT_COUNT));
        return QueryParams.linearizable(consistency) ? options : options.local();
    }

    /** The append answer, for the OpenAPI document. */
    @Schema(name = "AppendResult")
    public record AppendAnswer(String stream, long firstVersion, long lastVersion, long firstPosition, long lastPosition) {
    }

    /** A read page, for the OpenAPI document. */
    @Schema(name = "EventPage")
    public record PageAnswer(@Schema(type = SchemaType.ARRAY, implementation = EventAnswer.class) List<EventAnswer> events,
                             @Schema(nullable = true) Long next) {
    }

    /** An event as read, for the OpenAPI document. */
    @Schema(name = "RecordedEvent")
    public record EventAnswer(String id, String type, String stream, long version, long position, String created,
                              String contentType, @Schema(description = "any JSON") Object data,
                              @Schema(nullable = true) Object metadata) {
    }

    /** The version answer, for the OpenAPI document. */
    @Schema(name = "StreamVersion")
    public record VersionAnswer(String stream, long version) {
    }
}
