package org.jesdb.store.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.BinaryWriter;
import org.jesdb.store.codec.MalformedBinaryException;
import org.jesdb.store.subscriptions.Glob;

/** The binary form of users and access rules, in Raft commands and in the Xodus store. */
public final class SecurityCodec {
    private SecurityCodec() {
    }

    public static void writeUser(BinaryWriter out, User user) {
        out.string(user.name()).string(user.passwordHash()).i32(user.roles().size());
        for (String role : user.sortedRoles()) {
            out.string(role);
        }
    }

    public static User readUser(BinaryReader in) {
        String name = in.string();
        String hash = in.string();
        int count = in.count(4);
        Set<String> roles = new HashSet<>();
        for (int i = 0; i < count; i++) {
            roles.add(in.string());
        }
        return new User(name, hash, roles);
    }

    /** An upper bound of a user's encoded size. */
    public static int maxSize(User user) {
        int size = 16 + (user.name().length() + user.passwordHash().length()) * 3;
        for (String role : user.roles()) {
            size += 4 + role.length() * 3;
        }
        return size;
    }

    public static void writeRules(BinaryWriter out, AccessRules rules) {
        out.i32(rules.rules().size());
        for (AccessRule rule : rules.rules()) {
            writeRule(out, rule);
        }
        writeRule(out, rules.defaults());
    }

    public static AccessRules readRules(BinaryReader in) {
        int count = in.count(5);
        List<AccessRule> rules = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rules.add(readRule(in));
        }
        return new AccessRules(rules, readRule(in));
    }

    /** An upper bound of the rules' encoded size. */
    public static int maxSize(AccessRules rules) {
        int size = 8 + maxSize(rules.defaults());
        for (AccessRule rule : rules.rules()) {
            size += maxSize(rule);
        }
        return size;
    }

    private static void writeRule(BinaryWriter out, AccessRule rule) {
        out.string(rule.streams().pattern()).u8(rule.grants().size());
        for (Right right : Right.values()) {
            List<String> entries = rule.grants().get(right);
            if (entries != null) {
                out.u8(right.ordinal()).i32(entries.size());
                entries.forEach(out::string);
            }
        }
    }

    private static AccessRule readRule(BinaryReader in) {
        Glob streams = Glob.compile("streams", in.string());
        int rights = in.u8();
        Map<Right, List<String>> grants = new EnumMap<>(Right.class);
        for (int i = 0; i < rights; i++) {
            int ordinal = in.u8();
            if (ordinal >= Right.values().length) {
                throw new MalformedBinaryException("access rule: unknown right " + ordinal);
            }
            int count = in.count(4);
            List<String> entries = new ArrayList<>(count);
            for (int e = 0; e < count; e++) {
                entries.add(in.string());
            }
            if (grants.put(Right.values()[ordinal], entries) != null) {
                throw new MalformedBinaryException("access rule: right " + ordinal + " given twice");
            }
        }
        return new AccessRule(streams, grants);
    }

    private static int maxSize(AccessRule rule) {
        int size = 8 + rule.streams().pattern().length() * 3;
        for (List<String> entries : rule.grants().values()) {
            size += 8;
            for (String entry : entries) {
                size += 4 + entry.length() * 3;
            }
        }
        return size;
    }
}
