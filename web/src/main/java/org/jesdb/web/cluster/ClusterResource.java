package org.jesdb.web.cluster;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.ClusterView;
import org.jesdb.web.json.JsonFactories;

/** The store's Raft group as the answering node sees it. */
@Path("cluster")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cluster")
public class ClusterResource {

    @EJB
    StoreLifecycle lifecycle;

    @GET
    @Operation(summary = "The cluster view: members, leader, each member's role, and on the leader how far each is",
            description = "{\"node\", \"leader\", \"commitIndex\", \"appliedIndex\", \"members\": [{\"id\", \"raftAddress\", "
                    + "\"role\", \"matchIndex\", \"lag\"}]}; matchIndex and lag are -1 where unknown (asked of a follower).")
    public JsonObject view() {
        ClusterView view = lifecycle.clusterView();
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
                .add("members", members).build();
    }
}
