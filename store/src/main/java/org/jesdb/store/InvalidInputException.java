package org.jesdb.store;

/** A request that can never succeed as written; {@link #field()} names the part that is wrong. */
public class InvalidInputException extends StoreException {
    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
