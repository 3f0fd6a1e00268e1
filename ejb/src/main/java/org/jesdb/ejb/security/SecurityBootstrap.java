package org.jesdb.ejb.security;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import org.jesdb.store.AccessControl;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.User;

/**
 * Sets up security the first time a store starts with JESDB_SECURITY=on (the default): the user
 * "admin" with JESDB_ADMIN_PASSWORD, and a new token key. There is no well-known password: a
 * single node without JESDB_ADMIN_PASSWORD makes one at random into its data folder, and a
 * cluster member refuses to start without it (a new member's store is empty until the group has
 * sent it the state, so it cannot tell whether it would be the one to set security up). In a cluster the members that
 * start together all ask; the first asking applied wins, the others change nothing.
 */
public final class SecurityBootstrap {
    private static final Logger LOG = Logger.getLogger(SecurityBootstrap.class.getName());
    private static final long RETRY_MILLIS = 2_000;

    private SecurityBootstrap() {
    }

    /** Refuses JESDB_SECURITY=on without JESDB_ADMIN_PASSWORD on a cluster member, before it joins. */
    public static void requireClusterPassword(SecuritySettings settings) {
        if (settings.enabled() && settings.adminPassword().isEmpty()) {
            throw refusal("on every cluster member");
        }
    }

    private static IllegalStateException refusal(String when) {
        return new IllegalStateException("JESDB_SECURITY=on needs JESDB_ADMIN_PASSWORD (at least "
                + SecuritySettings.MIN_ADMIN_PASSWORD + " characters) " + when + ": it becomes the password of the user admin");
    }

    /**
     * The first admin's password when security is still to be set up here: JESDB_ADMIN_PASSWORD,
     * else (a single node; a cluster member was refused without it) one made at random and kept
     * in the data folder ({@link InitialAdminPassword}). Empty when security is off or set up.
     */
    public static Optional<String> firstAdminPassword(SecuritySettings settings, AccessControl access, Path dataDir) {
        if (!settings.enabled()) {
            LOG.warning("JESDB_SECURITY=off: every request is served without credentials, as an admin's");
            return Optional.empty();
        }
        if (access.localTokenKey().isPresent()) {
            if (settings.adminPassword().isPresent()) {
                LOG.info("security is set up already: JESDB_ADMIN_PASSWORD is not read again; change passwords over /api/users");
            }
            return Optional.empty();
        }
        if (settings.adminPassword().isPresent()) {
            return settings.adminPassword();
        }
        String password = InitialAdminPassword.readOrCreate(dataDir);
        LOG.warning(() -> "no JESDB_ADMIN_PASSWORD: the user admin's password is in " + InitialAdminPassword.file(dataDir)
                + " (readable by this user only); sign in with it, change it (PUT /api/users/admin), then delete the file");
        return Optional.of(password);
    }

    /**
     * Sets security up with {@code adminPassword} in the background (the group may still be
     * electing its leader), retrying until it is done here; nobody can sign in until then, and
     * the node is not ready.
     */
    public static void start(AccessControl access, String adminPassword, PasswordHashes passwords, ThreadFactory threads) {
        User admin = new User(Caller.ADMIN, passwords.hash(adminPassword), Set.of(Caller.ADMIN));
        Thread thread = threads.newThread(() -> setUp(access, admin));
        thread.setName("jesdb-security-setup");
        thread.start();
    }

    private static void setUp(AccessControl access, User admin) {
        try {
            while (access.localTokenKey().isEmpty()) {
                try {
                    if (access.initialize(admin, TokenSigner.newKey())) {
                        LOG.info("security set up: the user admin exists");
                    }
                } catch (RuntimeException notYet) {
                    // no leader yet: asked again in a moment
                    LOG.fine(() -> "security setup not yet applied: " + notYet.getMessage());
                }
                Thread.sleep(RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException closed) {
            LOG.fine(() -> "security setup stopped, the store is closed: " + closed.getMessage());
        }
    }
}
