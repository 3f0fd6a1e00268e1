package org.jesdb.store.subscriptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.Names;
import org.jesdb.store.streams.RecordedEvent;

/**
 * Which events a subscription receives: the part a message selector plays for a Jakarta
 * Messaging topic. No selector takes a regular expression; patterns are globs.
 */
public sealed interface Selector {

    /** The name of the stream that holds every event. */
    String ALL = "$all";

    /** At most this many event types in one selector. */
    int MAX_EVENT_TYPES = 100;

    boolean matches(RecordedEvent event);

    static Selector stream(String stream) {
        return new ByStream(stream);
    }

    static Selector all() {
        return new ByStream(ALL);
    }

    static Selector eventTypes(List<String> types) {
        return new ByEventType(types);
    }

    /** Globs on the stream name and the event type; either may be null (any), not both. */
    static Selector pattern(String streamGlob, String typeGlob) {
        return new ByPattern(streamGlob == null ? null : Glob.compile("selector.pattern.stream", streamGlob),
                typeGlob == null ? null : Glob.compile("selector.pattern.type", typeGlob));
    }

    /** A JSON object matched as a subset of the event's data. */
    static Selector payload(String jsonObject) {
        return new ByPayload(PayloadMatcher.of("selector.payload", jsonObject));
    }

    /** Every event of one stream, or of all streams ({@code $all}). */
    record ByStream(String stream) implements Selector {
        public ByStream {
            if (!ALL.equals(stream)) {
                Names.requireStream("selector.stream", stream);
            }
        }

        public boolean isAll() {
            return ALL.equals(stream);
        }

        @Override
        public boolean matches(RecordedEvent event) {
            return isAll() || stream.equals(event.stream());
        }
    }

    /** Events of any of these types, in any stream. */
    record ByEventType(List<String> types) implements Selector {
        public ByEventType {
            if (types == null || types.isEmpty()) {
                throw new InvalidInputException("selector.eventTypes", "must name at least one event type");
            }
            if (types.size() > MAX_EVENT_TYPES) {
                throw new InvalidInputException("selector.eventTypes", "must name at most " + MAX_EVENT_TYPES + " types");
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (int i = 0; i < types.size(); i++) {
                distinct.add(Names.require("selector.eventTypes[" + i + "]", types.get(i)));
            }
            types = List.copyOf(new ArrayList<>(distinct));
        }

        @Override
        public boolean matches(RecordedEvent event) {
            return types.contains(event.type());
        }
    }

    /** Events whose stream and type match globs such as {@code order-*} and {@code Order*}. */
    record ByPattern(Glob stream, Glob type) implements Selector {
        public ByPattern {
            if (stream == null && type == null) {
                throw new InvalidInputException("selector.pattern", "must have a stream or a type glob");
            }
        }

        @Override
        public boolean matches(RecordedEvent event) {
            return (stream == null || stream.matches(event.stream())) && (type == null || type.matches(event.type()));
        }
    }

    /** JSON events whose data holds this object (see {@link PayloadMatcher}). */
    record ByPayload(PayloadMatcher payload) implements Selector {
        public ByPayload {
            if (payload == null) {
                throw new InvalidInputException("selector.payload", "must be a JSON object");
            }
        }

        @Override
        public boolean matches(RecordedEvent event) {
            return event.isJson() && payload.matches(event.data());
        }
    }
}
