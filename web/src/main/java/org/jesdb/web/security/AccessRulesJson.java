package org.jesdb.web.security;

import static org.jesdb.web.json.JsonFields.string;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.security.AccessRule;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.Right;
import org.jesdb.store.subscriptions.Glob;
import org.jesdb.web.json.JsonFactories;

/**
 * The JSON form of the access rules, as the API takes and answers them:
 * <pre>{@code
 * {"rules": [{"streams": "order-*", "read": ["role:sales"], "write": ["role:sales"]}],
 *  "defaults": {"read": ["*"], "write": ["*"]}}
 * }</pre>
 * A right left out of a rule is the admins' alone. Errors name the field, e.g. {@code rules[0].read[1]}.
 */
public final class AccessRulesJson {
    private static final Set<String> TOP_FIELDS = Set.of("rules", "defaults");

    private AccessRulesJson() {
    }

    public static AccessRules parse(JsonObject body) {
        requireKnown("", body, TOP_FIELDS);
        JsonValue rulesValue = body.getOrDefault("rules", JsonValue.EMPTY_JSON_ARRAY);
        if (rulesValue.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidInputException("rules", "must be an array");
        }
        JsonArray array = rulesValue.asJsonArray();
        if (array.size() > AccessRules.MAX_RULES) {
            throw new InvalidInputException("rules", "may hold at most " + AccessRules.MAX_RULES + " rules");
        }
        List<AccessRule> rules = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            rules.add(rule("rules[" + i + "]", array.get(i), true));
        }
        JsonValue defaults = body.get("defaults");
        if (defaults == null) {
            throw new InvalidInputException("defaults", "must be present: the rights on streams no rule matches");
        }
        return new AccessRules(rules, rule("defaults", defaults, false));
    }

    public static JsonObject toJson(AccessRules rules) {
        JsonArrayBuilder array = JsonFactories.BUILDERS.createArrayBuilder();
        rules.rules().forEach(rule -> array.add(ruleJson(rule, true)));
        return JsonFactories.BUILDERS.createObjectBuilder().add("rules", array)
                .add("defaults", ruleJson(rules.defaults(), false)).build();
    }

    private static AccessRule rule(String field, JsonValue value, boolean withStreams) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInputException(field, "must be an object");
        }
        JsonObject object = value.asJsonObject();
        requireKnown(field + ".", object, withStreams ? Set.of("streams", "read", "write", "delete", "metadata")
                : Set.of("read", "write", "delete", "metadata"));
        Glob streams = Glob.compile(field + ".streams", withStreams ? string(field + ".streams", object.get("streams")) : "*");
        Map<Right, List<String>> grants = new EnumMap<>(Right.class);
        for (Right right : Right.values()) {
            String name = right.name().toLowerCase(Locale.ROOT);
            JsonValue entries = object.get(name);
            if (entries != null) {
                grants.put(right, grantees(field + "." + name, entries));
            }
        }
        try {
            return new AccessRule(streams, grants);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field + "." + e.field(), e.reason());
        }
    }

    private static List<String> grantees(String field, JsonValue value) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidInputException(field, "must be an array of user names, role:<name> or *");
        }
        List<String> entries = new ArrayList<>();
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            entries.add(string(field + "[" + i + "]", array.get(i)));
        }
        return entries;
    }


    private static void requireKnown(String prefix, JsonObject object, Set<String> known) {
        for (String name : object.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidInputException(prefix + name, "is not a field here; known: " + String.join(", ", known));
            }
        }
    }

    private static JsonObjectBuilder ruleJson(AccessRule rule, boolean withStreams) {
        JsonObjectBuilder out = JsonFactories.BUILDERS.createObjectBuilder();
        if (withStreams) {
            out.add("streams", rule.streams().pattern());
        }
        for (Right right : Right.values()) {
            List<String> entries = rule.grants().get(right);
            if (entries != null) {
                out.add(right.name().toLowerCase(Locale.ROOT), JsonFactories.BUILDERS.createArrayBuilder(entries));
            }
        }
        return out;
    }
}
