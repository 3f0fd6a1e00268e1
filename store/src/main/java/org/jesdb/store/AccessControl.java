package org.jesdb.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jesdb.store.raft.Command;
import org.jesdb.store.raft.CommandResult;
import org.jesdb.store.security.AccessDeniedException;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.Principals;
import org.jesdb.store.security.Right;
import org.jesdb.store.security.SecurityRecords;
import org.jesdb.store.security.User;
import org.jesdb.store.storage.XodusStorage;
import org.jesdb.store.subscriptions.Selector;

/**
 * Users and stream access rules, kept in the replicated store like events: a change goes through
 * Raft and every member applies it. Password hashes are made before they get here.
 *
 * <pre>{@code
 * AccessControl access = store.accessControl();
 * access.createUser(new User("alice", hash, Set.of("sales")));
 * boolean may = access.localRules().allows(new Caller("alice", Set.of("sales")), "order-7", Right.WRITE);
 * }</pre>
 */
public final class AccessControl {
    private final Function<Command, CommandResult> submit;
    private final XodusStorage storage;
    private final SecurityRecords records;
    /** A Raft read barrier: reads of the stored state see every committed change (on a follower too). */
    private final Runnable barrier;

    AccessControl(Function<Command, CommandResult> submit, XodusStorage storage, Runnable barrier) {
        this.submit = submit;
        this.storage = storage;
        this.records = new SecurityRecords(storage);
        this.barrier = barrier;
    }

    /**
     * Sets up security the first time the store starts: its first admin and the key its tokens
     * are signed with. Members starting together may all call it; the first one applied wins and
     * the others change nothing. Answers whether this call set it up.
     */
    public boolean initialize(User admin, byte[] tokenKey) {
        CommandResult result = submit.apply(new Command.InitializeSecurity(admin, tokenKey));
        return ((CommandResult.Done) result).value() == 1;
    }

    /** The key tokens are signed with, as this member holds it; empty before {@link #initialize}. */
    public Optional<byte[]> localTokenKey() {
        return storage.read(records::tokenKey);
    }

    /** Creates a user; a taken name is refused ({@link org.jesdb.store.security.UserExistsException}). */
    public void createUser(User user) {
        submit.apply(new Command.PutUser(user, true));
    }

    /** Creates the user, or replaces the one of that name (its password hash and roles). */
    public void putUser(User user) {
        submit.apply(new Command.PutUser(user, false));
    }

    public void deleteUser(String name) {
        submit.apply(new Command.DeleteUser(name));
    }

    /**
     * The user of that name as this member holds it, without a Raft round trip (every request is
     * authenticated with it): a change reaches a follower within its replication lag.
     */
    public Optional<User> localUser(String name) {
        Principals.requireName("name", name);
        return storage.read(txn -> records.user(txn, name));
    }

    /** Every user, by name, with every committed change. */
    public List<User> users() {
        barrier.run();
        return storage.read(records::users);
    }

    /** The access rules as this member holds them (see {@link #localUser} on why local). */
    public AccessRules localRules() {
        return storage.read(records::rules);
    }

    /**
     * Refuses, with {@link AccessDeniedException}, a caller that may not do {@code right} to
     * {@code stream}, by the rules this member holds. Admins pass without a read of the rules.
     */
    public void require(Caller caller, String stream, Right right) {
        if (!allows(caller, stream, right)) {
            throw new AccessDeniedException(caller.name(), stream, right);
        }
    }

    /** Whether {@code caller} may do {@code right} to {@code stream}, by the rules this member holds. */
    public boolean allows(Caller caller, String stream, Right right) {
        return caller.isAdmin() || localRules().allows(caller, stream, right);
    }

    /**
     * Refuses a caller that may not do {@code right} to every stream ({@link AccessRules#allowsEverywhere});
     * the refusal names the stream {@value Selector#ALL}.
     */
    public void requireEverywhere(Caller caller, Right right) {
        if (!caller.isAdmin() && !localRules().allowsEverywhere(caller, right)) {
            throw new AccessDeniedException(caller.name(), Selector.ALL, right);
        }
    }

    /**
     * Whether {@code caller} may do {@code right} to what {@code selector} selects: one stream needs
     * it on that stream; {@code $all}, a glob, event types or a payload may reach any stream, so
     * they need it everywhere.
     */
    public boolean allows(Caller caller, Selector selector, Right right) {
        if (caller.isAdmin()) {
            return true;
        }
        return oneStream(selector)
                .map(stream -> localRules().allows(caller, stream, right))
                .orElseGet(() -> localRules().allowsEverywhere(caller, right));
    }

    /** Refuses a caller that may not do {@code right} to what {@code selector} selects (see {@link #allows(Caller, Selector, Right)}). */
    public void require(Caller caller, Selector selector, Right right) {
        if (!allows(caller, selector, right)) {
            throw new AccessDeniedException(caller.name(), oneStream(selector).orElse(Selector.ALL), right);
        }
    }

    /** Whether {@code caller} may read what {@code selector} selects. */
    public boolean mayRead(Caller caller, Selector selector) {
        return allows(caller, selector, Right.READ);
    }

    /** Refuses a caller that may not read what {@code selector} selects. */
    public void requireRead(Caller caller, Selector selector) {
        require(caller, selector, Right.READ);
    }

    /** The streams {@code caller} may read, by the rules this member holds now (see {@link AccessRules#readableBy}). */
    public Predicate<String> readableBy(Caller caller) {
        return caller.isAdmin() ? stream -> true : localRules().readableBy(caller);
    }

    private static Optional<String> oneStream(Selector selector) {
        return selector instanceof Selector.ByStream byStream && !byStream.isAll()
                ? Optional.of(byStream.stream()) : Optional.empty();
    }

    /** The access rules with every committed change. */
    public AccessRules rules() {
        barrier.run();
        return storage.read(records::rules);
    }

    public void putRules(AccessRules rules) {
        submit.apply(new Command.PutAccessRules(rules));
    }
}
