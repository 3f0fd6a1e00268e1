package org.jesdb.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Set;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.ejb.security.UserService;
import org.jesdb.store.security.User;
import org.jesdb.web.json.JsonBody;
import org.jesdb.web.json.JsonFactories;
import org.jesdb.web.security.UserJson.UserRequest;

/** The store's users (admin only): names and roles out, passwords in, never a password or hash out. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security")
public class UsersResource {
    /** A user's body: a name, a password of at most 1,024 characters and 32 roles. */
    private static final int MAX_BODY_BYTES = 16_384;

    @Inject
    UserService users;

    @Inject
    StoreLifecycle lifecycle;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "Every user with its roles (admin)")
    public JsonArray list() {
        requireAdmin("list users");
        var out = JsonFactories.BUILDERS.createArrayBuilder();
        users.users().forEach(user -> out.add(UserJson.toJson(user)));
        return out.build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One user with its roles (admin)")
    @APIResponse(responseCode = "404", description = "No such user")
    public JsonObject get(@PathParam("name") String name) {
        requireAdmin("read users");
        return UserJson.toJson(users.user(name));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user (admin)", description = "Roles are names; admin may do everything.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "user", value = "{\"name\": \"ann\", \"password\": \"a long passphrase\", "
                    + "\"roles\": [\"sales\"]}")))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Response create(InputStream body) {
        requireAdmin("create users");
        UserRequest asked = UserJson.parse(JsonBody.parseObject(body, MAX_BODY_BYTES), null);
        User user = users.create(asked.name(), asked.password(), asked.roles().orElse(Set.of()));
        return Response.created(URI.create("users/" + user.name())).entity(UserJson.toJson(user)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user or replace its password, and its roles when given (admin)")
    public JsonObject put(@PathParam("name") String name, InputStream body) {
        requireAdmin("change users");
        UserRequest asked = UserJson.parse(JsonBody.parseObject(body, MAX_BODY_BYTES), name);
        return UserJson.toJson(users.put(asked.name(), asked.password(), asked.roles()));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a user (admin); its tokens stop working at once")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such user")
    public Response delete(@PathParam("name") String name) {
        requireAdmin("delete users");
        users.delete(name);
        return Response.noContent().build();
    }

    private void requireAdmin(String what) {
        Callers.requireSecurityAndAdmin(lifecycle.security(), request, what);
    }
}
