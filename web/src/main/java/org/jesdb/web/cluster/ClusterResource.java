package org.jesdb.web.cluster;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.web.security.Callers;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.cluster.ClusterService;
import org.jesdb.store.ClusterView;
import org.jesdb.store.InvalidInputException;
import org.jesdb.web.json.JsonBody;
import org.jesdb.web.json.JsonFactories;

/** The store's Raft group as the answering node sees it, and the admin's changes to its members. */
@Path("cluster")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster")
public class ClusterResource {

    /** Enough for {"id": "..."} with room to spare. */
    private static final int MAX_BODY_BYTES = 4096;

    @EJB
    ClusterService cluster;

    @Inject
    StoreLifecycle lifecycle;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "The cluster view: members, leader, each member's role, and on the leader how far each is",
            description = "{\"node\", \"leader\", \"commitIndex\", \"appliedIndex\", \"members\": [{\"id\", \"raftAddress\", "
                    + "\"role\", \"matchIndex\", \"lag\"}], \"waiting\": [ids]}; matchIndex and lag are -1 where unknown "
                    + "(asked of a follower); waiting lists nodes of this cluster that are up but not members.")
    public JsonObject view() {
        return json(cluster.view(), cluster.waiting());
    }

    @POST
    @Path("members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a waiting node to the group (admin)",
            description = "The node must be up with JESDB_DB_TYPE=cluster and this cluster's secret (it is then listed in "
                    + "\"waiting\"). It first receives the data, then counts for the quorum; the call answers after both.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "add", value = "{\"id\": \"node-4\"}")))
    @APIResponse(responseCode = "200", description = "Added; answers the new cluster view")
    @APIResponse(responseCode = "404", description = "No such node is up in this cluster")
    @APIResponse(responseCode = "409", description = "Already a member, a single node store, or another change went first")
    public JsonObject addMember(InputStream body) {
        Callers.requireAdmin(lifecycle.security(), request, "add cluster members");
        JsonObject json = JsonBody.parseObject(body, MAX_BODY_BYTES);
        for (String field : json.keySet()) {
            if (!"id".equals(field)) {
                throw new InvalidInputException(field, "is not a field of a member; send {\"id\": \"node-4\"}");
            }
        }
        if (!(json.get("id") instanceof JsonString id)) {
            throw new InvalidInputException("id", "must be a string: the JESDB_NODE_ID of the node to add");
        }
        ClusterView view = cluster.addMember(id.getString());
        return json(view, cluster.waiting());
    }

    @DELETE
    @Path("members/{id}")
    @Operation(summary = "Remove a member from the group (admin)",
            description = "The removed node stops counting for the quorum; stop it and delete its data folder afterwards.")
    @APIResponse(responseCode = "200", description = "Removed; answers the new cluster view")
    @APIResponse(responseCode = "404", description = "Not a member")
    @APIResponse(responseCode = "409", description = "The last member, a single node store, or another change went first")
    public JsonObject removeMember(@PathParam("id") String id) {
        Callers.requireAdmin(lifecycle.security(), request, "remove cluster members");
        ClusterView view = cluster.removeMember(id);
        return json(view, cluster.waiting());
    }

    private static JsonObject json(ClusterView view, List<String> waiting) {
        JsonArrayBuilder members = JsonFactories.BUILDERS.createArrayBuilder();
        for (ClusterView.Member member : view.members()) {
            members.add(JsonFactories.BUILDERS.createObjectBuilder()
                    .add("id", member.id())
                    .add("raftAddress", member.raftAddress())
                    .add("role", member.role())
                    .add("matchIndex", member.matchIndex())
                    .add("lag", member.lag()));
        }
        JsonObjectBuilder out = JsonFactories.BUILDERS.createObjectBuilder().add("node", view.nodeId());
        if (view.leaderId() == null) {
            out.addNull("leader");
        } else {
            out.add("leader", view.leaderId());
        }
        return out.add("commitIndex", view.commitIndex()).add("appliedIndex", view.appliedIndex())
                .add("members", members).add("waiting", JsonFactories.BUILDERS.createArrayBuilder(waiting)).build();
    }
}
