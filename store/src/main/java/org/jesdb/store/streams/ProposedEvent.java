package org.jesdb.store.streams;

import java.util.Objects;
import java.util.UUID;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.Names;

/**
 * An event to append. {@code data} and {@code metadata} are stored as given; {@code contentType}
 * says how to read {@code data} ({@code application/json} unless told otherwise).
 */
public record ProposedEvent(UUID id, String type, String contentType, byte[] data, byte[] metadata) {
    public static final String JSON = "application/json";
    /**
     * The longest number JSON data may hold, in characters. JSON is stored as its text written
     * again, where a number may grow a little (9...9e1 becomes 9.9...9E+N), and Parsson refuses
     * to read numbers of over 1,100 characters: the margin keeps stored data readable.
     */
    public static final int MAX_JSON_NUMBER_CHARACTERS = 1_000;

    public ProposedEvent {
        Objects.requireNonNull(id, "id");
        Names.require("type", type);
        Names.require("contentType", contentType);
        if (data == null) {
            throw new InvalidInputException("data", "must be present");
        }
        metadata = metadata == null ? new byte[0] : metadata;
    }

    /** Whether data of this content type is JSON ({@code application/json} or any {@code +json} type). */
    public static boolean isJsonContentType(String contentType) {
        String lower = contentType.toLowerCase(java.util.Locale.ROOT);
        return lower.equals(JSON) || lower.endsWith("+json");
    }

    /** A JSON event. */
    public static ProposedEvent json(UUID id, String type, byte[] data, byte[] metadata) {
        return new ProposedEvent(id, type, JSON, data, metadata);
    }

    /** Bytes this event counts against the size limits. */
    public int size() {
        return data.length + metadata.length;
    }

    /** True when {@code other} is the same event: same id, type, content type, data and metadata. */
    public boolean sameContentAs(RecordedEvent other) {
        return id.equals(other.id()) && type.equals(other.type()) && contentType.equals(other.contentType())
                && java.util.Arrays.equals(data, other.data()) && java.util.Arrays.equals(metadata, other.metadata());
    }
}
