package org.jesdb.ejb.metrics;

import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a gauge reports. On Payara one gauge that throws makes the whole {@code /metrics} answer
 * a 500, so a gauge that cannot be read now (the store stopping, the Raft server gone, a
 * subscription changing) reports -1 instead, and every other metric is still scraped.
 */
public final class GaugeValue {
    private static final Logger LOG = Logger.getLogger(GaugeValue.class.getName());

    private GaugeValue() {
    }

    public static long orMinusOne(String gauge, LongSupplier reading) {
        try {
            return reading.getAsLong();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, () -> "gauge=" + gauge + " cannot be read now: " + e);
            return -1;
        }
    }
}
