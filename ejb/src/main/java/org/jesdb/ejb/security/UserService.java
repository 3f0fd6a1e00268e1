package org.jesdb.ejb.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jesdb.ejb.lifecycle.StoreLifecycle;
import org.jesdb.store.AccessControl;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.LastAdminException;
import org.jesdb.store.security.User;
import org.jesdb.store.security.UserNotFoundException;

/**
 * Users and access rules as the API manages them. A password is hashed here, on the member that
 * received it, so that only the hash crosses Raft and reaches a disk.
 */
@ApplicationScoped
public class UserService {
    @Inject
    StoreLifecycle lifecycle;

    @Inject
    PasswordHashes passwords;

    public List<User> users() {
        return access().users();
    }

    public User user(String name) {
        return find(name).orElseThrow(() -> new UserNotFoundException(name));
    }

    private Optional<User> find(String name) {
        return access().users().stream().filter(user -> user.name().equals(name)).findFirst();
    }

    /** Creates the user; a taken name is refused (409 user-exists). */
    public User create(String name, String password, Set<String> roles) {
        User user = new User(name, passwords.hash(password), roles);
        access().createUser(user);
        return user;
    }

    /**
     * Creates the user or replaces its password, and its roles when {@code roles} is given (left
     * out, an existing user keeps its roles: a password change must not demote anyone); the last
     * admin keeps the role.
     */
    public User put(String name, String password, Optional<Set<String>> roles) {
        Set<String> kept = roles.orElseGet(() -> find(name).map(User::roles).orElse(Set.of()));
        User user = new User(name, passwords.hash(password), kept);
        if (!user.isAdmin()) {
            requireAnotherAdmin(name);
        }
        access().putUser(user);
        return user;
    }

    /** Deletes the user, unless it is the last admin. */
    public void delete(String name) {
        requireAnotherAdmin(name);
        access().deleteUser(name);
    }

    /**
     * Refuses to take the last admin away: nobody could manage users after it, and
     * JESDB_ADMIN_PASSWORD is read only at the first start. (Two admins removing each other at
     * the same moment could still both pass; an admin can always be made again with a restore.)
     */
    private void requireAnotherAdmin(String name) {
        List<User> all = access().users();
        boolean isAdmin = all.stream().anyMatch(user -> user.name().equals(name) && user.isAdmin());
        if (isAdmin && all.stream().filter(User::isAdmin).count() == 1) {
            throw new LastAdminException(name);
        }
    }

    public AccessRules rules() {
        return access().rules();
    }

    public void putRules(AccessRules rules) {
        access().putRules(rules);
    }

    private AccessControl access() {
        return lifecycle.store(lifecycle.config().storeId()).accessControl();
    }
}
