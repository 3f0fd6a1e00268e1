package org.jesdb.store.subscriptions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.BinaryWriter;
import org.jesdb.store.codec.MalformedBinaryException;

/** The binary forms of selectors, start points, settings and stored subscriptions. */
public final class SubscriptionCodec {
    private static final int RECORD_FORMAT = 1;
    private static final int BY_STREAM = 1;
    private static final int BY_EVENT_TYPE = 2;
    private static final int BY_PATTERN = 3;
    private static final int BY_PAYLOAD = 4;
    private static final int START = 1;
    private static final int END = 2;
    private static final int AT_VERSION = 3;
    private static final int AT_POSITION = 4;

    private SubscriptionCodec() {
    }

    public static void writeSelector(BinaryWriter out, Selector selector) {
        if (selector instanceof Selector.ByStream byStream) {
            out.u8(BY_STREAM).string(byStream.stream());
        } else if (selector instanceof Selector.ByEventType byType) {
            out.u8(BY_EVENT_TYPE).i32(byType.types().size());
            byType.types().forEach(out::string);
        } else if (selector instanceof Selector.ByPattern byPattern) {
            out.u8(BY_PATTERN).string(byPattern.stream() == null ? "" : byPattern.stream().pattern())
                    .string(byPattern.type() == null ? "" : byPattern.type().pattern());
        } else {
            out.u8(BY_PAYLOAD).string(((Selector.ByPayload) selector).payload().json());
        }
    }

    public static Selector readSelector(BinaryReader in) {
        int tag = in.u8();
        switch (tag) {
            case BY_STREAM:
                return Selector.stream(in.string());
            case BY_EVENT_TYPE: {
                int count = in.count(4);
                List<String> types = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    types.add(in.string());
                }
                return Selector.eventTypes(types);
            }
            case BY_PATTERN: {
                String stream = in.string();
                String type = in.string();
                return Selector.pattern(stream.isEmpty() ? null : stream, type.isEmpty() ? null : type);
            }
            case BY_PAYLOAD:
                return Selector.payload(in.string());
            default:
                throw new MalformedBinaryException("subscription: unknown selector tag " + tag);
        }
    }

    /** An upper bound of a selector's encoded size (UTF-8 takes at most 3 bytes a char). */
    public static int maxSize(Selector selector) {
        if (selector instanceof Selector.ByStream byStream) {
            return 8 + byStream.stream().length() * 3;
        } else if (selector instanceof Selector.ByEventType byType) {
            return 8 + byType.types().stream().mapToInt(type -> 4 + type.length() * 3).sum();
        } else if (selector instanceof Selector.ByPattern byPattern) {
            return 16 + (byPattern.stream() == null ? 0 : byPattern.stream().pattern().length() * 3)
                    + (byPattern.type() == null ? 0 : byPattern.type().pattern().length() * 3);
        }
        return 8 + ((Selector.ByPayload) selector).payload().json().length() * 3;
    }

    public static void writeStart(BinaryWriter out, StartPoint start) {
        if (start instanceof StartPoint.Start) {
            out.u8(START).i64(0);
        } else if (start instanceof StartPoint.End) {
            out.u8(END).i64(0);
        } else if (start instanceof StartPoint.AtVersion version) {
            out.u8(AT_VERSION).i64(version.version());
        } else {
            out.u8(AT_POSITION).i64(((StartPoint.AtPosition) start).position());
        }
    }

    public static StartPoint readStart(BinaryReader in) {
        int tag = in.u8();
        long value = in.i64();
        switch (tag) {
            case START:
                return StartPoint.start();
            case END:
                return StartPoint.end();
            case AT_VERSION:
                return StartPoint.version(value);
            case AT_POSITION:
                return StartPoint.position(value);
            default:
                throw new MalformedBinaryException("subscription: unknown start tag " + tag);
        }
    }

    public static void writeSettings(BinaryWriter out, SubscriptionSettings settings) {
        out.i32(settings.maxInFlight()).i32(settings.maxRetries()).u8(settings.ordering().ordinal())
                .i64(settings.ackTimeout().toMillis());
    }

    public static SubscriptionSettings readSettings(BinaryReader in) {
        int maxInFlight = in.i32();
        int maxRetries = in.i32();
        int ordering = in.u8();
        if (ordering >= Ordering.values().length) {
            throw new MalformedBinaryException("subscription: unknown ordering " + ordering);
        }
        return new SubscriptionSettings(maxInFlight, maxRetries, Ordering.values()[ordering],
                Duration.ofMillis(in.i64()));
    }

    public static byte[] encode(SubscriptionRecord record) {
        BinaryWriter out = new BinaryWriter(128).u8(RECORD_FORMAT).string(record.name());
        writeSelector(out, record.selector());
        writeSettings(out, record.settings());
        return out.i64(record.checkpoint()).i64(record.created().toEpochMilli()).toBytesWithCrc();
    }

    public static SubscriptionRecord decode(byte[] bytes) {
        BinaryReader in = BinaryReader.checked(bytes, "subscription record");
        if (in.u8() != RECORD_FORMAT) {
            throw new MalformedBinaryException("subscription record: unknown format");
        }
        SubscriptionRecord record = new SubscriptionRecord(in.string(), readSelector(in), readSettings(in), in.i64(),
                Instant.ofEpochMilli(in.i64()));
        in.end();
        return record;
    }

    /** A parked entry's value: attempts, when, why. */
    public static byte[] encodeParked(int attempts, Instant parkedAt, String reason) {
        return new BinaryWriter(32 + reason.length() * 3).u8(RECORD_FORMAT).i32(attempts).i64(parkedAt.toEpochMilli())
                .string(reason).toBytesWithCrc();
    }

    /** Decodes what {@link #encodeParked} wrote, for the event that {@code event} holds. */
    public static ParkedEvent decodeParked(byte[] bytes, org.jesdb.store.streams.RecordedEvent event) {
        BinaryReader in = BinaryReader.checked(bytes, "parked event");
        if (in.u8() != RECORD_FORMAT) {
            throw new MalformedBinaryException("parked event: unknown format");
        }
        ParkedEvent parked = new ParkedEvent(event, in.i32(), Instant.ofEpochMilli(in.i64()), in.string());
        in.end();
        return parked;
    }
}
