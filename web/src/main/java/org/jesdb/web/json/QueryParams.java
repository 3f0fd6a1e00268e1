package org.jesdb.web.json;

import java.util.Locale;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.streams.Direction;

/** Query parameters, parsed with errors that name the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    public static Direction direction(String value) {
        if (value == null || value.isEmpty()) {
            return Direction.FORWARD;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "forward", "forwards" -> Direction.FORWARD;
            case "backward", "backwards" -> Direction.BACKWARD;
            default -> throw new InvalidInputException("direction", "must be forward or backward");
        };
    }

    /** Where a read starts: a number, or for a backward read "end" (also the default). */
    public static long from(String value, Direction direction) {
        if (value == null || value.isEmpty()) {
            return direction == Direction.FORWARD ? 0 : -1;
        }
        if (direction == Direction.BACKWARD && value.equals("end")) {
            return -1;
        }
        return number("from", value, 0, Long.MAX_VALUE);
    }

    public static int count(String name, String value, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long count = Long.parseLong(value);
            if (count >= 1) {
                // the store checks the upper bound, which is its setting (JESDB_MAX_READ_COUNT), and names it
                return (int) Math.min(count, Integer.MAX_VALUE);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException(name, "must be a whole number of at least 1");
    }

    public static boolean linearizable(String consistency) {
        if (consistency == null || consistency.isEmpty() || consistency.equals("linearizable")) {
            return true;
        }
        if (consistency.equals("local")) {
            return false;
        }
        throw new InvalidInputException("consistency", "must be linearizable or local");
    }

    public static long number(String name, String value, long min, long max) {
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidInputException(name, "must be a whole number between " + min + " and " + max);
    }
}
