package org.jesdb.store.subscriptions;

import org.jesdb.store.InvalidInputException;

/** Where a subscription starts: the first event, the end of the log, a stream version or a position. */
public sealed interface StartPoint {

    static StartPoint start() {
        return new Start();
    }

    static StartPoint end() {
        return new End();
    }

    static StartPoint version(long version) {
        return new AtVersion(version);
    }

    static StartPoint position(long position) {
        return new AtPosition(position);
    }

    /** The oldest event. */
    record Start() implements StartPoint {
    }

    /** Only events appended after the subscription was made. */
    record End() implements StartPoint {
    }

    /** From this version of the selected stream (a stream selector only). */
    record AtVersion(long version) implements StartPoint {
        public AtVersion {
            if (version < 0) {
                throw new InvalidInputException("from.version", "must be >= 0, was " + version);
            }
        }
    }

    /** From this global position. */
    record AtPosition(long position) implements StartPoint {
        public AtPosition {
            if (position < 0) {
                throw new InvalidInputException("from.position", "must be >= 0, was " + position);
            }
        }
    }
}
