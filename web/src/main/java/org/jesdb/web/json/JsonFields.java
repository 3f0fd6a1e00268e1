package org.jesdb.web.json;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jesdb.store.InvalidInputException;

/** The members of a request body, checked one by one; an error names the member. */
public final class JsonFields {
    private JsonFields() {
    }

    /** A string member that must be there. */
    public static String string(String field, JsonValue value) {
        if (!(value instanceof JsonString text)) {
            throw new InvalidInputException(field, value == null ? "must be present" : "must be a string");
        }
        return text.getString();
    }
}
