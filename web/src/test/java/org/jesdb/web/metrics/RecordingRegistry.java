package org.jesdb.web.metrics;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * A MetricRegistry that holds counters and histograms by id, each recording how many times it
 * was updated, and counts how often one is looked up.
 */
public final class RecordingRegistry {
    /** Updates (inc or update calls) by metric id. */
    public final Map<MetricID, AtomicLong> updates = new ConcurrentHashMap<>();
    public final AtomicInteger lookups = new AtomicInteger();
    public final MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> {
                boolean lookup = (method.getName().equals("counter") || method.getName().equals("histogram"))
                        && args.length == 2 && args[0] instanceof Metadata;
                if (!lookup) {
                    throw new UnsupportedOperationException(method.toString());
                }
                lookups.incrementAndGet();
                MetricID id = new MetricID(((Metadata) args[0]).getName(), (Tag[]) args[1]);
                AtomicLong count = updates.computeIfAbsent(id, ignored -> new AtomicLong());
                Class<?> type = method.getName().equals("counter") ? Counter.class : Histogram.class;
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (metric, call, values) -> {
                    if (call.getName().equals("inc") || call.getName().equals("update")) {
                        count.incrementAndGet();
                        return null;
                    }
                    throw new UnsupportedOperationException(call.toString());
                });
            });

    public long updatesOf(String name, Tag... tags) {
        AtomicLong count = updates.get(new MetricID(name, tags));
        return count == null ? 0 : count.get();
    }
}
