package org.jesdb.web.streams;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.streams.StreamService;
import org.jesdb.web.security.CurrentCaller;
import org.jesdb.web.json.PageJson;

/** The global order of all events, $all. */
@Path("stores/{store}/all")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "streams")
public class AllResource {

    @PathParam("store")
    String store;

    @EJB
    StreamService streams;

    @Inject
    CurrentCaller currentCaller;

    @GET
    @Operation(summary = "Read a page of $all, the global order",
            description = "Forward from position `from` (default 0) or backward from it (default: the end). "
                    + "Answers {\"events\": [...], \"next\": the `from` of the next page, or null at the end}.")
    @APIResponse(responseCode = "200", description = "A page of events",
            content = @Content(schema = @Schema(implementation = StreamResource.PageAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid input; the problem's \"field\" names it")
    public Response read(@QueryParam("from") @Parameter(description = "First position to read; \"end\" reading backward") String from,
                         @QueryParam("count") @Parameter(description = "Events in the page, 1..1000 (default 100)") String count,
                         @QueryParam("direction") @Parameter(schema = @Schema(enumeration = {"forward", "backward"})) String direction,
                         @QueryParam("consistency") @Parameter(schema = @Schema(enumeration = {"linearizable", "local"})) String consistency) {
        return Response.ok(PageJson.of(streams.readAll(currentCaller.get(), store,
                StreamResource.readOptions(from, count, direction, consistency)))).build();
    }
}
