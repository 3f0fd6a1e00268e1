package org.jesdb.store.raft;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.BinaryWriter;
import org.jesdb.store.codec.MalformedBinaryException;
import org.jesdb.store.security.SecurityCodec;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.subscriptions.SubscriptionCodec;

/**
 * The binary form of a {@link CommandBatch} in the Raft log: a format byte, the time, then each
 * command with a tag byte, and a CRC32C over it all.
 */
public final class CommandCodec {
    private static final int FORMAT = 1;
    private static final int APPEND = 1;
    private static final int DELETE_STREAM = 2;
    private static final int RECORD_SNAPSHOT = 3;
    private static final int DELETE_SNAPSHOT = 4;
    private static final int CREATE_SUBSCRIPTION = 5;
    private static final int UPDATE_SUBSCRIPTION = 6;
    private static final int DELETE_SUBSCRIPTION = 7;
    private static final int CHECKPOINT = 8;
    private static final int PARK_EVENT = 9;
    private static final int UNPARK_EVENT = 10;
    private static final int PUT_USER = 11;
    private static final int DELETE_USER = 12;
    private static final int PUT_ACCESS_RULES = 13;
    private static final int INITIALIZE_SECURITY = 14;

    private CommandCodec() {
    }

    public static byte[] encode(CommandBatch batch) {
        int size = 32;
        for (Command command : batch.commands()) {
            size += command.size();
        }
        BinaryWriter out = new BinaryWriter(size).u8(FORMAT).i64(batch.created().toEpochMilli()).i32(batch.commands().size());
        for (Command command : batch.commands()) {
            write(out, command);
        }
        return out.toBytesWithCrc();
    }

    private static void write(BinaryWriter out, Command command) {
        if (command instanceof Command.Append append) {
            out.u8(APPEND).string(append.stream()).string(append.expected().text()).i32(append.events().size());
            for (ProposedEvent event : append.events()) {
                out.uuid(event.id()).string(event.type()).string(event.contentType())
                        .bytes(event.data()).bytes(event.metadata());
            }
        } else if (command instanceof Command.DeleteStream delete) {
            out.u8(DELETE_STREAM).string(delete.stream()).string(delete.expected().text()).u8(delete.mode().ordinal());
        } else if (command instanceof Command.RecordSnapshot snapshot) {
            out.u8(RECORD_SNAPSHOT).string(snapshot.source()).string(snapshot.stream()).i64(snapshot.version())
                    .string(snapshot.contentType()).bytes(snapshot.data());
        } else if (command instanceof Command.DeleteSnapshot delete) {
            out.u8(DELETE_SNAPSHOT).string(delete.source()).string(delete.stream()).i64(delete.version());
        } else if (command instanceof Command.PutUser put) {
            out.u8(PUT_USER).u8(put.mustBeNew() ? 1 : 0);
            SecurityCodec.writeUser(out, put.user());
        } else if (command instanceof Command.DeleteUser delete) {
            out.u8(DELETE_USER).string(delete.name());
        } else if (command instanceof Command.PutAccessRules put) {
            out.u8(PUT_ACCESS_RULES);
            SecurityCodec.writeRules(out, put.rules());
        } else if (command instanceof Command.InitializeSecurity init) {
            out.u8(INITIALIZE_SECURITY);
            SecurityCodec.writeUser(out, init.admin());
            out.bytes(init.tokenKey());
        } else {
            writeSubscriptionCommand(out, command);
        }
    }

    private static void writeSubscriptionCommand(BinaryWriter out, Command command) {
        if (command instanceof Command.CreateSubscription create) {
            out.u8(CREATE_SUBSCRIPTION).string(create.name());
            SubscriptionCodec.writeSelector(out, create.selector());
            SubscriptionCodec.writeStart(out, create.start());
            SubscriptionCodec.writeSettings(out, create.settings());
        } else if (command instanceof Command.UpdateSubscription update) {
            out.u8(UPDATE_SUBSCRIPTION).string(update.name());
            SubscriptionCodec.writeSettings(out, update.settings());
        } else if (command instanceof Command.DeleteSubscription delete) {
            out.u8(DELETE_SUBSCRIPTION).string(delete.name());
        } else if (command instanceof Command.Checkpoint checkpoint) {
            out.u8(CHECKPOINT).string(checkpoint.name()).i64(checkpoint.position());
        } else if (command instanceof Command.ParkEvent park) {
            out.u8(PARK_EVENT).string(park.name()).i64(park.position()).i32(park.attempts()).string(park.reason());
        } else if (command instanceof Command.UnparkEvent unpark) {
            out.u8(UNPARK_EVENT).string(unpark.name()).i64(unpark.position());
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
    }

    public static CommandBatch decode(byte[] bytes) {
        BinaryReader in = BinaryReader.checked(bytes, "command batch");
        int format = in.u8();
        if (format != FORMAT) {
            throw new MalformedBinaryException("command batch: unknown format " + format);
        }
        Instant created = Instant.ofEpochMilli(in.i64());
        int count = in.count(1);
        List<Command> commands = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            commands.add(read(in));
        }
        in.end();
        return new CommandBatch(created, commands);
    }

    private static Command read(BinaryReader in) {
        int tag = in.u8();
        switch (tag) {
            case APPEND: {
                String stream = in.string();
                ExpectedVersion expected = ExpectedVersion.parse("expectedVersion", in.string());
                int count = in.count(36);
                List<ProposedEvent> events = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    events.add(new ProposedEvent(in.uuid(), in.string(), in.string(), in.bytes(), in.bytes()));
                }
                return new Command.Append(stream, expected, events);
            }
            case DELETE_STREAM: {
                String stream = in.string();
                ExpectedVersion expected = ExpectedVersion.parse("expectedVersion", in.string());
                int mode = in.u8();
                if (mode >= DeleteMode.values().length) {
                    throw new MalformedBinaryException("command batch: unknown delete mode " + mode);
                }
                return new Command.DeleteStream(stream, expected, DeleteMode.values()[mode]);
            }
            case RECORD_SNAPSHOT:
                return new Command.RecordSnapshot(in.string(), in.string(), in.i64(), in.string(), in.bytes());
            case DELETE_SNAPSHOT:
                return new Command.DeleteSnapshot(in.string(), in.string(), in.i64());
            case CREATE_SUBSCRIPTION:
                return new Command.CreateSubscription(in.string(), SubscriptionCodec.readSelector(in),
                        SubscriptionCodec.readStart(in), SubscriptionCodec.readSettings(in));
            case UPDATE_SUBSCRIPTION:
                return new Command.UpdateSubscription(in.string(), SubscriptionCodec.readSettings(in));
            case DELETE_SUBSCRIPTION:
                return new Command.DeleteSubscription(in.string());
            case CHECKPOINT:
                return new Command.Checkpoint(in.string(), in.i64());
            case PARK_EVENT:
                return new Command.ParkEvent(in.string(), in.i64(), in.i32(), in.string());
            case UNPARK_EVENT:
                return new Command.UnparkEvent(in.string(), in.i64());
            case PUT_USER: {
                int flag = in.u8();
                if (flag > 1) {
                    throw new MalformedBinaryException("command batch: PutUser flag " + flag);
                }
                boolean mustBeNew = flag == 1;
                return new Command.PutUser(SecurityCodec.readUser(in), mustBeNew);
            }
            case DELETE_USER:
                return new Command.DeleteUser(in.string());
            case PUT_ACCESS_RULES:
                return new Command.PutAccessRules(SecurityCodec.readRules(in));
            case INITIALIZE_SECURITY:
                return new Command.InitializeSecurity(SecurityCodec.readUser(in), in.bytes());
            default:
                throw new MalformedBinaryException("command batch: unknown command tag " + tag);
        }
    }
}
