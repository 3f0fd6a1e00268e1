package org.jesdb.store.subscriptions;

import java.util.Arrays;
import org.jesdb.store.InvalidInputException;

/**
 * A wildcard pattern for names such as stream names and event types, e.g. {@code user-*} or
 * {@code *Placed}. It is the product's only way for a user to select names by shape: regular
 * expressions from users are not accepted anywhere, because a crafted one can make the matcher run
 * for exponential time.
 *
 * <p>Syntax: {@code *} matches any run of characters, including none; {@code ?} matches exactly one
 * Unicode code point (so one emoji, even though Java stores it as two {@code char}s);
 * {@code \} makes the next character literal ({@code \*} is a star, {@code \\} a backslash).
 * Everything else matches itself, case-sensitively. There are no character classes.
 *
 * <p>Matching takes at most time proportional to the pattern length times the text length.
 * Instances are immutable and thread-safe. Two globs are equal when their pattern texts are equal.
 */
public final class Glob {
    /** Longest pattern, in {@code char}s. */
    public static final int MAX_LENGTH = 256;

    // Tokens are code points (>= 0) or one of these wildcards, so an escaped star is just '*'.
    private static final int ANY_RUN = -1;
    private static final int ANY_ONE = -2;

    private final String pattern;
    private final int[] tokens;
    private final boolean literal;

    private Glob(String pattern, int[] tokens) {
        this.pattern = pattern;
        this.tokens = tokens;
        this.literal = Arrays.stream(tokens).allMatch(token -> token >= 0);
    }

    /**
     * Checks and compiles a pattern.
     *
     * @param field names the pattern in the error, e.g. {@code "eventType"}
     * @param pattern 1 to {@value #MAX_LENGTH} characters, not ending in a lone backslash
     * @throws InvalidInputException naming {@code field} when the pattern is not valid
     */
    public static Glob compile(String field, String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw new InvalidInputException(field, "must not be empty");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new InvalidInputException(field, "must be at most " + MAX_LENGTH + " characters, was " + pattern.length());
        }
        int[] tokens = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\') {
                if (i == pattern.length()) {
                    throw new InvalidInputException(field,
                            "ends with a lone '\\'; write '\\\\' for a literal backslash");
                }
                c = pattern.codePointAt(i);
                i += Character.charCount(c);
                tokens[count++] = c;
            } else if (c == '*') {
                // "**" means the same as "*"; keeping one makes backtracking cheaper.
                if (count == 0 || tokens[count - 1] != ANY_RUN) {
                    tokens[count++] = ANY_RUN;
                }
            } else if (c == '?') {
                tokens[count++] = ANY_ONE;
            } else {
                tokens[count++] = c;
            }
        }
        return new Glob(pattern, Arrays.copyOf(tokens, count));
    }

    /** The pattern as given to {@link #compile}. */
    public String pattern() {
        return pattern;
    }

    /** Whether the pattern has no wildcards, so it matches exactly one text. */
    public boolean isLiteral() {
        return literal;
    }

    /**
     * Whether the whole of {@code text} matches the pattern.
     *
     * @throws NullPointerException if {@code text} is null
     */
    public boolean matches(String text) {
        int t = 0;
        int p = 0;
        // Where the last star was: the token after it, and the text position it was tried from.
        // Backtracking only to the last star is enough, and keeps the work at O(n * m): whatever
        // extra text an earlier star might take, the last star can take instead.
        int afterStar = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < tokens.length && tokens[p] == ANY_RUN) {
                afterStar = ++p;
                starText = t;
                continue;
            }
            int c = text.codePointAt(t);
            if (p < tokens.length && (tokens[p] == ANY_ONE || tokens[p] == c)) {
                p++;
                t += Character.charCount(c);
            } else if (afterStar >= 0) {
                starText += Character.charCount(text.codePointAt(starText));
                t = starText;
                p = afterStar;
            } else {
                return false;
            }
        }
        while (p < tokens.length && tokens[p] == ANY_RUN) {
            p++;
        }
        return p == tokens.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && pattern.equals(glob.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    /** The pattern text. */
    @Override
    public String toString() {
        return pattern;
    }
}
