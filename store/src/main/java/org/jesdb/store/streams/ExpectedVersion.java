package org.jesdb.store.streams;

import org.jesdb.store.InvalidInputException;

/**
 * What the writer believes about the stream before its append; checked in the state machine's
 * apply step, so the check is linearizable. A stream's actual version is -1 when it has no
 * events (never written, or soft-deleted).
 */
public sealed interface ExpectedVersion
        permits ExpectedVersion.Any, ExpectedVersion.NoStream, ExpectedVersion.StreamExists, ExpectedVersion.Exact {

    /** True when a stream at {@code actualVersion} satisfies this expectation. */
    boolean accepts(long actualVersion);

    /** The wire and JSON form: {@code any}, {@code no_stream}, {@code stream_exists} or the number. */
    String text();

    static ExpectedVersion any() {
        return Any.INSTANCE;
    }

    static ExpectedVersion noStream() {
        return NoStream.INSTANCE;
    }

    static ExpectedVersion streamExists() {
        return StreamExists.INSTANCE;
    }

    static ExpectedVersion exactly(long version) {
        return new Exact(version);
    }

    /** Parses the text form; {@code field} names the input in the error. */
    static ExpectedVersion parse(String field, String text) {
        if (text == null) {
            throw new InvalidInputException(field, "must be \"any\", \"no_stream\", \"stream_exists\" or a version number >= 0");
        }
        switch (text) {
            case "any":
                return any();
            case "no_stream":
                return noStream();
            case "stream_exists":
                return streamExists();
            default:
                if (!isVersionNumber(text)) {
                    throw new InvalidInputException(field,
                            "must be \"any\", \"no_stream\", \"stream_exists\" or a version number >= 0, was \"" + text + "\"");
                }
                try {
                    return exactly(Long.parseLong(text));
                } catch (NumberFormatException tooLarge) {
                    throw new InvalidInputException(field, "a version number must be at most " + Long.MAX_VALUE);
                }
        }
    }

    private static boolean isVersionNumber(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** No check. */
    enum Any implements ExpectedVersion {
        INSTANCE;

        @Override
        public boolean accepts(long actualVersion) {
            return true;
        }

        @Override
        public String text() {
            return "any";
        }
    }

    /** The stream has no events (never written, or soft-deleted). */
    enum NoStream implements ExpectedVersion {
        INSTANCE;

        @Override
        public boolean accepts(long actualVersion) {
            return actualVersion == -1;
        }

        @Override
        public String text() {
            return "no_stream";
        }
    }

    /** The stream has at least one event. */
    enum StreamExists implements ExpectedVersion {
        INSTANCE;

        @Override
        public boolean accepts(long actualVersion) {
            return actualVersion >= 0;
        }

        @Override
        public String text() {
            return "stream_exists";
        }
    }

    /** The stream's last event has exactly this version. */
    record Exact(long version) implements ExpectedVersion {
        public Exact {
            if (version < 0) {
                throw new InvalidInputException("expectedVersion", "a version number must be >= 0, was " + version);
            }
        }

        @Override
        public boolean accepts(long actualVersion) {
            return actualVersion == version;
        }

        @Override
        public String text() {
            return Long.toString(version);
        }
    }
}
