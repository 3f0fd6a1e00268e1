package org.jesdb.ejb.security;

import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;
import org.jesdb.store.AccessControl;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.User;

/**
 * Sets up security the first time a store starts with JESDB_SECURITY=on: the user "admin" with
 * JESDB_ADMIN_PASSWORD, and a new token key. There is no default password: a node whose store
 * has no security yet refuses to start without one, and so does every cluster member (a new
 * member's store is empty until the group has sent it the state). In a cluster the members that
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

    /** Refuses JESDB_SECURITY=on without JESDB_ADMIN_PASSWORD on a node whose store has no security yet. */
    public static void requirePassword(SecuritySettings settings, AccessControl access) {
        if (settings.enabled() && settings.adminPassword().isEmpty() && access.localTokenKey().isEmpty()) {
            throw refusal("at the first start");
        }
    }

    private static IllegalStateException refusal(String when) {
        return new IllegalStateException("JESDB_SECURITY=on needs JESDB_ADMIN_PASSWORD (at least "
                + SecuritySettings.MIN_ADMIN_PASSWORD + " characters) " + when + ": it becomes the password of the user admin");
    }

    /**
     * Sets security up in the background (the group may still be electing its leader), retrying
     * until it is done here; nobody can sign in until then.
     */
    public static void start(AccessControl access, SecuritySettings settings, PasswordHashes passwords, ThreadFactory threads) {
        if (!settings.enabled() || access.localTokenKey().isPresent()) {
            if (settings.enabled() && settings.adminPassword().isPresent()) {
                LOG.info("security is set up already: JESDB_ADMIN_PASSWORD is not read again; change passwords over /api/users");
            }
            return;
        }
        User admin = new User(Caller.ADMIN, passwords.hash(settings.adminPassword().orElseThrow()), Set.of(Caller.ADMIN));
        Thread thread = threads.newThread(() -> setUp(access, admin));
        thread.setName("jesdb-security-setup");
        thread.start();
    }

    private static void setUp(AccessControl access, User admin) {
        try {
            while (access.localTokenKey().isEmpty()) {
                try {
                    if (access.initialize(admin, TokenSigner.newKey())) {
                        LOG.info("security set up: the user admin has the password of JESDB_ADMIN_PASSWORD");
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
