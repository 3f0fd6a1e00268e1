package org.jesdb.store;

/** A request larger than a configured limit; {@link #field()} names the part that is too large. */
public class LimitExceededException extends StoreException {
    private final String field;
    private final long limit;
    private final long actual;
    private final String unit;

    public LimitExceededException(String field, long limit, long actual, String unit) {
        super(field + ": " + actual + " " + unit + " exceed the limit of " + limit + " " + unit);
        this.field = field;
        this.limit = limit;
        this.actual = actual;
        this.unit = unit;
    }

    public long actual() {
        return actual;
    }

    public String unit() {
        return unit;
    }

    public String field() {
        return field;
    }

    public long limit() {
        return limit;
    }
}
