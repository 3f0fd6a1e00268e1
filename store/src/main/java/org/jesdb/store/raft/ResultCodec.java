package org.jesdb.store.raft;

import java.util.ArrayList;
import java.util.List;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.LimitExceededException;
import org.jesdb.store.StoreException;
import org.jesdb.store.StoreTimeoutException;
import org.jesdb.store.StoreUnavailableException;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.BinaryWriter;
import org.jesdb.store.codec.MalformedBinaryException;
import org.jesdb.store.security.UserExistsException;
import org.jesdb.store.security.UserNotFoundException;
import org.jesdb.store.snapshots.SnapshotNotFoundException;
import org.jesdb.store.streams.AppendResult;
import org.jesdb.store.streams.DuplicateEventIdException;
import org.jesdb.store.streams.StreamDeletedException;
import org.jesdb.store.streams.StreamNotFoundException;
import org.jesdb.store.streams.WrongExpectedVersionException;
import org.jesdb.store.subscriptions.SubscriptionExistsException;
import org.jesdb.store.subscriptions.SubscriptionNotFoundException;

/** The binary form of the results of one applied batch, as the Raft reply carries them. */
public final class ResultCodec {
    private static final int FORMAT = 1;
    private static final int APPENDED = 1;
    private static final int DONE = 2;
    private static final int WRONG_EXPECTED_VERSION = 10;
    private static final int STREAM_NOT_FOUND = 11;
    private static final int STREAM_DELETED = 12;
    private static final int DUPLICATE_EVENT_ID = 13;
    private static final int SNAPSHOT_NOT_FOUND = 14;
    private static final int INVALID_INPUT = 15;
    private static final int LIMIT_EXCEEDED = 16;
    private static final int CORRUPT_DATA = 17;
    private static final int TIMEOUT = 18;
    private static final int UNAVAILABLE = 19;
    private static final int SUBSCRIPTION_NOT_FOUND = 20;
    private static final int SUBSCRIPTION_EXISTS = 21;
    private static final int USER_NOT_FOUND = 22;
    private static final int USER_EXISTS = 23;
    private static final int OTHER = 99;

    private ResultCodec() {
    }

    public static byte[] encode(List<CommandResult> results) {
        BinaryWriter out = new BinaryWriter(16 + results.size() * 48).u8(FORMAT).i32(results.size());
        for (CommandResult result : results) {
            if (result instanceof CommandResult.Appended appended) {
                AppendResult r = appended.result();
                out.u8(APPENDED).string(r.stream()).i64(r.firstVersion()).i64(r.lastVersion())
                        .i64(r.firstPosition()).i64(r.lastPosition());
            } else if (result instanceof CommandResult.Done done) {
                out.u8(DONE).i64(done.value());
            } else {
                writeFailure(out, ((CommandResult.Failed) result).error());
            }
        }
        return out.toBytes();
    }

    private static void writeFailure(BinaryWriter out, StoreException error) {
        if (error instanceof WrongExpectedVersionException e) {
            out.u8(WRONG_EXPECTED_VERSION).string(e.stream()).string(e.expected()).i64(e.actual());
        } else if (error instanceof StreamNotFoundException e) {
            out.u8(STREAM_NOT_FOUND).string(e.stream());
        } else if (error instanceof StreamDeletedException e) {
            out.u8(STREAM_DELETED).string(e.stream());
        } else if (error instanceof DuplicateEventIdException e) {
            out.u8(DUPLICATE_EVENT_ID).string(e.stream()).uuid(e.eventId()).string(e.reason());
        } else if (error instanceof SnapshotNotFoundException e) {
            out.u8(SNAPSHOT_NOT_FOUND).string(e.source()).string(e.stream()).string(e.version());
        } else if (error instanceof SubscriptionNotFoundException e) {
            out.u8(SUBSCRIPTION_NOT_FOUND).string(e.name());
        } else if (error instanceof SubscriptionExistsException e) {
            out.u8(SUBSCRIPTION_EXISTS).string(e.name());
        } else if (error instanceof UserNotFoundException e) {
            out.u8(USER_NOT_FOUND).string(e.name());
        } else if (error instanceof UserExistsException e) {
            out.u8(USER_EXISTS).string(e.name());
        } else if (error instanceof InvalidInputException e) {
            out.u8(INVALID_INPUT).string(e.field()).string(e.reason());
        } else if (error instanceof LimitExceededException e) {
            out.u8(LIMIT_EXCEEDED).string(e.field()).i64(e.limit()).i64(e.actual()).string(e.unit());
        } else if (error instanceof CorruptDataException) {
            out.u8(CORRUPT_DATA).string(String.valueOf(error.getMessage()));
        } else if (error instanceof StoreTimeoutException) {
            out.u8(TIMEOUT).string(String.valueOf(error.getMessage()));
        } else if (error instanceof StoreUnavailableException) {
            out.u8(UNAVAILABLE).string(String.valueOf(error.getMessage()));
        } else {
            out.u8(OTHER).string(String.valueOf(error.getMessage()));
        }
    }

    public static List<CommandResult> decode(byte[] bytes) {
        BinaryReader in = BinaryReader.of(bytes, "command results");
        if (in.u8() != FORMAT) {
            throw new MalformedBinaryException("command results: unknown format");
        }
        int count = in.count(1);
        List<CommandResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(read(in));
        }
        in.end();
        return results;
    }

    private static CommandResult read(BinaryReader in) {
        int tag = in.u8();
        switch (tag) {
            case APPENDED:
                return new CommandResult.Appended(new AppendResult(in.string(), in.i64(), in.i64(), in.i64(), in.i64()));
            case DONE:
                return new CommandResult.Done(in.i64());
            case WRONG_EXPECTED_VERSION:
                return failed(new WrongExpectedVersionException(in.string(), in.string(), in.i64()));
            case STREAM_NOT_FOUND:
                return failed(new StreamNotFoundException(in.string()));
            case STREAM_DELETED:
                return failed(new StreamDeletedException(in.string()));
            case DUPLICATE_EVENT_ID:
                return failed(new DuplicateEventIdException(in.string(), in.uuid(), in.string()));
            case SNAPSHOT_NOT_FOUND:
                return failed(new SnapshotNotFoundException(in.string(), in.string(), in.string()));
            case SUBSCRIPTION_NOT_FOUND:
                return failed(new SubscriptionNotFoundException(in.string()));
            case SUBSCRIPTION_EXISTS:
                return failed(new SubscriptionExistsException(in.string()));
            case USER_NOT_FOUND:
                return failed(new UserNotFoundException(in.string()));
            case USER_EXISTS:
                return failed(new UserExistsException(in.string()));
            case INVALID_INPUT:
                return failed(new InvalidInputException(in.string(), in.string()));
            case LIMIT_EXCEEDED:
                return failed(new LimitExceededException(in.string(), in.i64(), in.i64(), in.string()));
            case CORRUPT_DATA:
                return failed(new CorruptDataException(in.string()));
            case TIMEOUT:
                return failed(new StoreTimeoutException(in.string()));
            case UNAVAILABLE:
                return failed(new StoreUnavailableException(in.string()));
            case OTHER:
                return failed(new StoreException(in.string()));
            default:
                throw new MalformedBinaryException("command results: unknown tag " + tag);
        }
    }

    private static CommandResult failed(StoreException error) {
        return new CommandResult.Failed(error);
    }
}
