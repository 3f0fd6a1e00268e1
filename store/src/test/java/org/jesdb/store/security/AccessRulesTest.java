package org.jesdb.store.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.subscriptions.Glob;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    private static final Caller ALICE = new Caller("alice", Set.of("sales"));
    private static final Caller BOB = new Caller("bob", Set.of());
    private static final Caller ADMIN = new Caller("root", Set.of(Caller.ADMIN));

    /** Orders are sales's alone; audit streams are read by bob; all else follows the defaults. */
    private final AccessRules rules = new AccessRules(List.of(
            rule("order-*", Map.of(Right.READ, List.of("role:sales"), Right.WRITE, List.of("role:sales"))),
            rule("audit-*", Map.of(Right.READ, List.of("bob")))),
            AccessRules.standard().defaults());

    @Test
    void theFirstMatchingRuleDecidesEveryRight() {
        assertThat(rules.allows(ALICE, "order-7", Right.WRITE)).isTrue();
        assertThat(rules.allows(BOB, "order-7", Right.READ)).isFalse();
        assertThat(rules.allows(BOB, "audit-1", Right.READ)).isTrue();
        assertThat(rules.allows(BOB, "audit-1", Right.WRITE)).as("a right the rule does not give is the admins'").isFalse();
        assertThat(rules.allows(ALICE, "audit-1", Right.READ)).isFalse();
    }

    @Test
    void aStreamNoRuleMatchesFollowsTheDefaults() {
        assertThat(rules.allows(BOB, "cart-3", Right.READ)).isTrue();
        assertThat(rules.allows(BOB, "cart-3", Right.WRITE)).isTrue();
        assertThat(rules.allows(BOB, "cart-3", Right.DELETE)).isFalse();
        assertThat(rules.allows(ALICE, "cart-3", Right.METADATA)).isFalse();
    }

    @Property
    void adminsMayDoEverythingAndNobodyElseMayDeleteByDefault(@ForAll @AlphaChars @StringLength(min = 1, max = 30) String stream,
                                                               @ForAll Right right) {
        assertThat(rules.allows(ADMIN, stream, right)).isTrue();
        assertThat(AccessRules.standard().allows(BOB, stream, Right.DELETE)).isFalse();
    }

    @Test
    void aGrantNamesUsersRolesOrEveryoneAndNothingElse() {
        assertThatThrownBy(() -> rule("x-*", Map.of(Right.READ, List.of("role:")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("read[0]");
        assertThatThrownBy(() -> rule("x-*", Map.of(Right.WRITE, List.of("bob", "a b")))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("write[1]");
        assertThatThrownBy(() -> new Caller("role:admin", Set.of())).isInstanceOf(InvalidInputException.class);
    }

    private static AccessRule rule(String streams, Map<Right, List<String>> grants) {
        return new AccessRule(Glob.compile("streams", streams), grants);
    }

    @Test
    void everywhereMeansTheDefaultsAndEveryRuleGiveIt() {
        assertThat(rules.allowsEverywhere(BOB, Right.READ)).as("orders are sales's alone").isFalse();
        assertThat(rules.allowsEverywhere(ADMIN, Right.DELETE)).isTrue();
        assertThat(AccessRules.standard().allowsEverywhere(BOB, Right.WRITE)).isTrue();
        assertThat(AccessRules.standard().allowsEverywhere(BOB, Right.DELETE)).isFalse();
    }

    @Test
    void readableByAnswersAsAllowsDoesAndRemembersItsAnswers() {
        var readable = rules.readableBy(ALICE);

        assertThat(readable.test("order-7")).isTrue();
        assertThat(readable.test("audit-1")).isFalse();
        assertThat(readable.test("cart-1")).isTrue();
        assertThat(readable.test("order-7")).isTrue();
        assertThat(rules.readableBy(ADMIN).test("audit-1")).isTrue();
    }
}
