package org.jesdb.store.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

class GlobProperties {

    @Property
    void anEscapedTextMatchesExactlyItself(@ForAll @StringLength(min = 1, max = 60) String literal, @ForAll String other) {
        Glob glob = Glob.compile("stream", escape(literal));

        assertThat(glob.isLiteral()).isTrue();
        assertThat(glob.matches(literal)).isTrue();
        assertThat(glob.matches(other)).isEqualTo(other.equals(literal));
    }

    @Property
    void starsAroundATextMatchEveryTextContainingIt(@ForAll @StringLength(max = 60) String part,
                                                    @ForAll @StringLength(max = 60) String text) {
        Glob glob = Glob.compile("stream", "*" + escape(part) + "*");

        assertThat(glob.matches(text)).isEqualTo(text.contains(part));
    }

    @Property
    void aStarAlonePrefixedOrSuffixedMeansStartsOrEndsWith(@ForAll @StringLength(max = 60) String part,
                                                           @ForAll @StringLength(max = 60) String text) {
        assertThat(Glob.compile("stream", escape(part) + "*").matches(text)).isEqualTo(text.startsWith(part));
        assertThat(Glob.compile("stream", "*" + escape(part)).matches(text)).isEqualTo(text.endsWith(part));
    }

    @Property(tries = 3000)
    void matchingAgreesWithANaiveRecursiveMatcher(@ForAll("patterns") List<String> tokens, @ForAll("texts") String text) {
        Glob glob = Glob.compile("stream", String.join("", tokens));

        assertThat(glob.matches(text)).isEqualTo(naiveMatches(tokens, 0, text, 0));
    }

    /** Tokens of a pattern: wildcards, plain letters, and escaped letters and wildcards. */
    @Provide
    Arbitrary<List<String>> patterns() {
        return Arbitraries.of("a", "b", "*", "?", "\\a", "\\*", "\\?").list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'b', '*', '?').ofMaxLength(10);
    }

    /** Exponential in the worst case, which is why it is only fit for short strings in a test. */
    private static boolean naiveMatches(List<String> tokens, int p, String text, int t) {
        if (p == tokens.size()) {
            return t == text.length();
        }
        String token = tokens.get(p);
        return switch (token) {
            case "*" -> naiveMatches(tokens, p + 1, text, t) || t < text.length() && naiveMatches(tokens, p, text, t + 1);
            case "?" -> t < text.length() && naiveMatches(tokens, p + 1, text, t + 1);
            default -> {
                char literal = token.charAt(token.length() - 1);
                yield t < text.length() && text.charAt(t) == literal && naiveMatches(tokens, p + 1, text, t + 1);
            }
        };
    }

    private static String escape(String literal) {
        StringBuilder escaped = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
