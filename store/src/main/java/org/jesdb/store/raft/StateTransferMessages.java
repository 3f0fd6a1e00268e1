package org.jesdb.store.raft;

import java.util.UUID;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.BinaryWriter;
import org.jesdb.store.codec.MalformedBinaryException;

/**
 * The messages of a state transfer, sent as Raft read-only queries so that they travel (and
 * are secured) with the rest of Raft's traffic. A request is {@code OPEN} or
 * {@code CHUNK(token, offset)}; an answer is one of the {@link Answer} forms below.
 */
final class StateTransferMessages {
    static final int OPEN = 1;
    static final int CHUNK = 2;
    static final int CLOSE = 3;

    private static final int OPENED = 1;
    private static final int PREPARING = 2;
    private static final int READY = 3;
    private static final int FAILED = 4;

    private StateTransferMessages() {
    }

    /** What the exporting member answered. */
    sealed interface Answer {
        record Opened(UUID token) implements Answer {
        }

        record Preparing() implements Answer {
        }

        record Ready(long size, byte[] sha256, byte[] data) implements Answer {
        }

        record Failed(String reason) implements Answer {
        }
    }

    static byte[] openRequest(long atLeast) {
        return new BinaryWriter(9).u8(OPEN).i64(atLeast).toBytes();
    }

    static byte[] closeRequest(UUID token) {
        return new BinaryWriter(17).u8(CLOSE).uuid(token).toBytes();
    }

    static byte[] chunkRequest(UUID token, long offset) {
        return new BinaryWriter(25).u8(CHUNK).uuid(token).i64(offset).toBytes();
    }

    static byte[] opened(UUID token) {
        return new BinaryWriter(17).u8(OPENED).uuid(token).toBytes();
    }

    static byte[] preparing() {
        return new BinaryWriter(1).u8(PREPARING).toBytes();
    }

    static byte[] ready(long size, byte[] sha256, byte[] data) {
        return new BinaryWriter(data.length + 64).u8(READY).i64(size).bytes(sha256).bytes(data).toBytes();
    }

    static byte[] failed(String reason) {
        return new BinaryWriter(reason.length() * 3 + 8).u8(FAILED).string(reason).toBytes();
    }

    static Answer decode(byte[] answer) {
        BinaryReader in = BinaryReader.of(answer, "state transfer answer");
        Answer decoded = switch (in.u8()) {
            case OPENED -> new Answer.Opened(in.uuid());
            case PREPARING -> new Answer.Preparing();
            case READY -> new Answer.Ready(in.i64(), in.bytes(), in.bytes());
            case FAILED -> new Answer.Failed(in.string());
            default -> throw new MalformedBinaryException("state transfer answer: unknown kind");
        };
        in.end();
        return decoded;
    }
}
