package org.jesdb.web.security;

import static org.jesdb.web.json.JsonFields.string;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.security.Principals;
import org.jesdb.store.security.User;
import org.jesdb.web.json.JsonFactories;

/**
 * The JSON forms of a user for the API: {@code {"name", "password", "roles"}} in, {@code {"name",
 * "roles"}} out (a password or its hash is never answered).
 */
public final class UserJson {
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 1024;
    private static final Set<String> FIELDS = Set.of("name", "password", "roles");

    /** What a request asks for: the password in clear, to be hashed before it goes further. */
    public record UserRequest(String name, String password, Optional<Set<String>> roles) {
        /** Never the password: a request may end up in a log or a debugger. */
        @Override
        public String toString() {
            return "UserRequest[name=" + name + ", roles=" + roles + "]";
        }
    }

    private UserJson() {
    }

    /** Reads a user from {@code body}; {@code name} comes from the path when the body has none. */
    public static UserRequest parse(JsonObject body, String pathName) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException(field, "is not a field of a user; known: name, password, roles");
            }
        }
        String name = body.containsKey("name") ? string("name", body.get("name")) : pathName;
        if (name == null) {
            throw new InvalidInputException("name", "must be present");
        }
        if (pathName != null && !pathName.equals(name)) {
            throw new InvalidInputException("name", "must be the name in the path ('" + pathName + "')");
        }
        Principals.requireName("name", name);
        String password = string("password", body.get("password"));
        requirePassword("password", password);
        // left out, the roles are left as they are (PUT), or none (a new user)
        return new UserRequest(name, password, body.containsKey("roles") ? Optional.of(roles(body.get("roles"))) : Optional.empty());
    }

    /** The rules every password follows, here and for JESDB_ADMIN_PASSWORD. */
    public static void requirePassword(String field, String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidInputException(field, "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters, was "
                    + password.length());
        }
    }

    public static JsonObject toJson(User user) {
        return JsonFactories.BUILDERS.createObjectBuilder().add("name", user.name())
                .add("roles", JsonFactories.BUILDERS.createArrayBuilder(user.roles())).build();
    }

    private static Set<String> roles(JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidInputException("roles", "must be an array of role names");
        }
        JsonArray array = value.asJsonArray();
        if (array.size() > User.MAX_ROLES) {
            throw new InvalidInputException("roles", "may hold at most " + User.MAX_ROLES + " roles");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            roles.add(Principals.requireName("roles[" + i + "]", string("roles[" + i + "]", array.get(i))));
        }
        return roles;
    }

}
