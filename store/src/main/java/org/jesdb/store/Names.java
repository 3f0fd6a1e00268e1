package org.jesdb.store;

/** The rules every name (stream, event type, snapshot source) follows. */
public final class Names {
    /** Longest name, in characters. */
    public static final int MAX_LENGTH = 256;

    private Names() {
    }

    /**
     * Checks a name and returns it. Names are 1 to {@value #MAX_LENGTH} characters without
     * control characters; stream names starting with {@code $} are reserved for the store.
     */
    public static String require(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " characters, was " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidInputException(field, "must not contain control characters (found one at index " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field, "is not valid Unicode (a lone surrogate at index " + i + ")");
            }
        }
        if (!name.equals(name.strip())) {
            throw new InvalidInputException(field, "must not start or end with white space");
        }
        return name;
    }

    /** Checks a stream name: the general rules, and not a reserved {@code $} name. */
    public static String requireStream(String field, String name) {
        require(field, name);
        if (name.startsWith("$")) {
            throw new InvalidInputException(field, "names starting with '$' are reserved for the store");
        }
        return name;
    }

    /**
     * Checks a name that is a path segment of the HTTP API (a subscription, a node id): it keeps to
     * letters, digits and {@code - _ . : @ ~}.
     */
    public static String requireUrlSafe(String field, String name) {
        require(field, name);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:@~".indexOf(c) >= 0;
            if (!plain) {
                throw new InvalidInputException(field, "may hold only letters, digits and - _ . : @ ~ (found '" + c + "')");
            }
        }
        return name;
    }
}
