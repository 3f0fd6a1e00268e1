package org.jesdb.store.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jetbrains.exodus.ArrayByteIterable;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Transaction;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.BinaryWriter;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusStorage;

/**
 * Users and access rules in the Xodus store {@code security}: the state machine writes them as it
 * applies commands, readers read them. Each value ends in a CRC32C, like every stored record.
 */
public final class SecurityRecords {
    private static final String USER_PREFIX = "user:";
    private static final ByteIterable RULES_KEY = Keys.name("access-rules");
    private static final ByteIterable TOKEN_KEY = Keys.name("token-key");

    private final XodusStorage storage;
    /** The rules last decoded, with the bytes they came from. */
    private volatile Decoded decoded;

    public SecurityRecords(XodusStorage storage) {
        this.storage = storage;
    }

    /** Stores {@code user}; when {@code mustBeNew}, refuses a name that is taken. */
    public void putUser(Transaction txn, User user, boolean mustBeNew) {
        ByteIterable key = userKey(user.name());
        if (mustBeNew && storage.security().get(txn, key) != null) {
            throw new UserExistsException(user.name());
        }
        BinaryWriter out = new BinaryWriter(SecurityCodec.maxSize(user));
        SecurityCodec.writeUser(out, user);
        storage.security().put(txn, key, new ArrayByteIterable(out.toBytesWithCrc()));
    }

    public void deleteUser(Transaction txn, String name) {
        if (!storage.security().delete(txn, userKey(name))) {
            throw new UserNotFoundException(name);
        }
    }

    public void putRules(Transaction txn, AccessRules rules) {
        BinaryWriter out = new BinaryWriter(SecurityCodec.maxSize(rules));
        SecurityCodec.writeRules(out, rules);
        storage.security().put(txn, RULES_KEY, new ArrayByteIterable(out.toBytesWithCrc()));
    }

    /**
     * Stores the first admin (replacing a user of that name made while security was off) and the
     * token key, unless the store has a token key already (it was set up before): answers
     * whether it did.
     */
    public boolean initialize(Transaction txn, User admin, byte[] tokenKey) {
        if (storage.security().get(txn, TOKEN_KEY) != null) {
            return false;
        }
        putUser(txn, admin, false);
        storage.security().put(txn, TOKEN_KEY, new ArrayByteIterable(new BinaryWriter(tokenKey.length + 8)
                .bytes(tokenKey).toBytesWithCrc()));
        return true;
    }

    /** The key the store's tokens are signed with, once security is set up. */
    public Optional<byte[]> tokenKey(Transaction txn) {
        ByteIterable value = storage.security().get(txn, TOKEN_KEY);
        if (value == null) {
            return Optional.empty();
        }
        BinaryReader in = BinaryReader.checked(XodusStorage.copy(value), "token key");
        byte[] key = in.bytes();
        in.end();
        return Optional.of(key);
    }

    public Optional<User> user(Transaction txn, String name) {
        ByteIterable value = storage.security().get(txn, userKey(name));
        return value == null ? Optional.empty() : Optional.of(decodeUser(value));
    }

    /** Every user, by name. */
    public List<User> users(Transaction txn) {
        List<User> users = new ArrayList<>();
        byte[] prefix = userKey("").getBytesUnsafe();
        try (Cursor cursor = storage.security().openCursor(txn)) {
            boolean found = cursor.getSearchKeyRange(new ArrayByteIterable(prefix)) != null;
            while (found && Keys.startsWith(cursor.getKey(), prefix)) {
                users.add(decodeUser(cursor.getValue()));
                found = cursor.getNext();
            }
        }
        return users;
    }

    /** The stored rules, or the standard ones of a new store. */
    public AccessRules rules(Transaction txn) {
        ByteIterable value = storage.security().get(txn, RULES_KEY);
        if (value == null) {
            return AccessRules.standard();
        }
        byte[] stored = XodusStorage.copy(value);
        Decoded last = decoded;
        if (last != null && Arrays.equals(last.stored(), stored)) {
            // every request is checked against the rules: decode (and compile the globs) once per change
            return last.rules();
        }
        BinaryReader in = BinaryReader.checked(stored, "access rules");
        AccessRules rules = SecurityCodec.readRules(in);
        in.end();
        decoded = new Decoded(stored, rules);
        return rules;
    }

    private record Decoded(byte[] stored, AccessRules rules) {
    }

    private static User decodeUser(ByteIterable value) {
        BinaryReader in = BinaryReader.checked(XodusStorage.copy(value), "user");
        User user = SecurityCodec.readUser(in);
        in.end();
        return user;
    }

    private static ByteIterable userKey(String name) {
        return Keys.name(USER_PREFIX + name);
    }
}
