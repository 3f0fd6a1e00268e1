package org.jesdb.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.security.UserService;
import org.jesdb.store.security.AccessRules;
import org.jesdb.web.json.JsonBody;

/** Who may read, write, delete and change the metadata of which streams (admin only). */
@Path("access-rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security")
public class AccessRulesResource {
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    @Inject
    UserService users;

    @Inject
    StoreLifecycle lifecycle;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "The access rules (admin)")
    public JsonObject get() {
        Callers.requireSecurityAndAdmin(lifecycle.security(), request, "read the access rules");
        return AccessRulesJson.toJson(users.rules());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the access rules (admin)",
            description = "Rules are tried in order, the first whose stream glob matches decides; defaults for the rest. "
                    + "Grantees: a user name, role:NAME, or * (every signed-in user). A right left out is the admins' alone.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "rules", value = "{\"rules\": [{\"streams\": \"order-*\", \"read\": "
                    + "[\"role:sales\"], \"write\": [\"role:sales\"]}], \"defaults\": {\"read\": [\"*\"], \"write\": [\"*\"]}}")))
    public JsonObject put(InputStream body) {
        Callers.requireSecurityAndAdmin(lifecycle.security(), request, "change the access rules");
        AccessRules rules = AccessRulesJson.parse(JsonBody.parseObject(body, MAX_BODY_BYTES));
        users.putRules(rules);
        return AccessRulesJson.toJson(rules);
    }
}
