package org.jesdb.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Set;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.Right;
import org.junit.jupiter.api.Test;

class AccessRulesJsonTest {
    private static final String SALES_ONLY = "{\"rules\": [{\"streams\": \"order-*\", \"read\": [\"role:sales\"],"
            + " \"write\": [\"role:sales\", \"carol\"]}], \"defaults\": {\"read\": [\"*\"], \"write\": [\"*\"]}}";

    @Test
    void rulesReadFromJsonDecideAndWriteBackTheSame() {
        AccessRules rules = AccessRulesJson.parse(json(SALES_ONLY));

        assertThat(rules.allows(new Caller("carol", Set.of()), "order-1", Right.WRITE)).isTrue();
        assertThat(rules.allows(new Caller("carol", Set.of()), "order-1", Right.READ)).isFalse();
        assertThat(rules.allows(new Caller("dave", Set.of()), "cart-1", Right.READ)).isTrue();
        assertThat(AccessRulesJson.parse(AccessRulesJson.toJson(rules))).usingRecursiveComparison().isEqualTo(rules);
    }

    @Test
    void everyMistakeIsRefusedNamingItsField() {
        assertRefused("{\"rules\": [], \"defaults\": {}, \"extra\": 1}", "extra");
        assertRefused("{\"rules\": []}", "defaults");
        assertRefused("{\"rules\": {}, \"defaults\": {}}", "rules");
        assertRefused("{\"rules\": [{\"read\": []}], \"defaults\": {}}", "rules[0].streams");
        assertRefused("{\"rules\": [{\"streams\": \"a-*\", \"read\": [\"ok\", 7]}], \"defaults\": {}}", "rules[0].read[1]");
        assertRefused("{\"rules\": [{\"streams\": \"a-*\", \"write\": [\"role:\"]}], \"defaults\": {}}", "rules[0].write[0]");
        assertRefused("{\"rules\": [{\"streams\": \"a-*\", \"own\": []}], \"defaults\": {}}", "rules[0].own");
        assertRefused("{\"defaults\": {\"streams\": \"*\"}}", "defaults.streams");
    }

    private static void assertRefused(String body, String field) {
        assertThatThrownBy(() -> AccessRulesJson.parse(json(body))).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
