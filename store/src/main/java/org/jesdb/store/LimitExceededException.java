package org.jesdb.store;

/** A request larger than a configured limit; {@link #field()} names the part that is too large. */
public class LimitExceededException extends StoreException {
    private final String field;
    private final long limit;

    public LimitExceededException(String field, long limit, long actual, String unit) {
        super(field + ": " + actual + " " + unit + " exceed the limit of " + limit + " " + unit);
        this.field = field;
        this.limit = limit;
    }

    public String field() {
        return field;
    }

    public long limit() {
        return limit;
    }
}
