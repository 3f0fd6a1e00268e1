package org.jesdb.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The user a fault run signs in as (HTTP Basic on every call): security is on by default, so a
 * run without credentials would only collect 401s. The password never appears in {@link #toString()}.
 */
public record Credentials(String user, String password) {
    /** The file scripts/local-cluster.sh keeps the admin's password in, in the cluster's folder. */
    public static final String CLUSTER_PASSWORD_FILE = "admin-password";
    /** The user whose password that file holds. */
    public static final String ADMIN = "admin";

    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a user name is not empty and holds no ':', was '" + user + "'");
        }
    }

    /** The Authorization header's value. */
    public String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code user}'s password from {@code env}'s JESDB_PASSWORD (as the jesdb CLI takes it), else,
     * for the admin, from the cluster folder's {@value #CLUSTER_PASSWORD_FILE}; never from a
     * command line, which every user of the machine can read.
     *
     * @throws IllegalStateException when neither gives one, with what to do
     */
    public static Credentials resolve(String user, Map<String, String> env, Path clusterHome) throws IOException {
        String password = env.get("JESDB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            return new Credentials(user, password);
        }
        Path file = clusterHome.resolve(CLUSTER_PASSWORD_FILE);
        if (user.equals(ADMIN) && Files.isRegularFile(file)) {
            // the script writes it without a newline; an editor may have added one
            return new Credentials(user, Files.readString(file, StandardCharsets.UTF_8).strip());
        }
        throw new IllegalStateException("no password for the user " + user + ": set $JESDB_PASSWORD"
                + (user.equals(ADMIN) ? ", or start the cluster with scripts/local-cluster.sh, which keeps it in " + file : ""));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=(hidden)]";
    }
}
