package org.jesdb.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jesdb.ejb.security.SecurityOffException;
import org.jesdb.ejb.security.SecuritySettings;
import org.jesdb.store.security.AdminRequiredException;
import org.jesdb.store.security.Caller;

/** The caller of a request as the resources check it. */
public final class Callers {
    private Callers() {
    }

    /**
     * Refuses (403 admin-required) a caller who is not an admin; with JESDB_SECURITY=off nobody
     * is asked, as for every other call.
     */
    public static void requireAdmin(SecuritySettings security, HttpServletRequest request, String what) {
        if (security.enabled()) {
            requireAdminCaller(request, what);
        }
    }

    /**
     * For users and access rules, which mean something only with security on: refused while it
     * is off (409 security-off, so that nobody can plant an admin before it is turned on), and
     * to anyone but an admin.
     */
    public static void requireSecurityAndAdmin(SecuritySettings security, HttpServletRequest request, String what) {
        if (!security.enabled()) {
            throw new SecurityOffException("users or access rules");
        }
        requireAdminCaller(request, what);
    }

    private static void requireAdminCaller(HttpServletRequest request, String what) {
        Caller caller = JesdbAuthenticationMechanism.caller(request)
                .orElseThrow(() -> new AdminRequiredException("(nobody)", what));
        if (!caller.isAdmin()) {
            throw new AdminRequiredException(caller.name(), what);
        }
    }
}
