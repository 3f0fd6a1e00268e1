package org.jesdb.ejb.metrics;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The part of a MetricRegistry the store's metrics use, in memory: it refuses a gauge registered
 * twice (as Payara does) and counts how often counters and histograms are looked up.
 */
public final class FakeMetricRegistry {
    public final Map<MetricID, Gauge<?>> gauges = new ConcurrentHashMap<>();
    public final Map<MetricID, FakeCounter> counters = new ConcurrentHashMap<>();
    public final Map<MetricID, FakeHistogram> histograms = new ConcurrentHashMap<>();
    public final AtomicInteger lookups = new AtomicInteger();
    /** Gauges refused because one with the same id was there. */
    public final AtomicInteger registeredTwice = new AtomicInteger();
    public final MetricRegistry registry = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {MetricRegistry.class}, (proxy, method, args) -> call(method, args));

    /** The value of the gauge {@code name} with these tags. */
    public long value(String name, Tag... tags) {
        Gauge<?> gauge = gauges.get(new MetricID(name, tags));
        if (gauge == null) {
            throw new AssertionError("no gauge " + new MetricID(name, tags) + " among " + gauges.keySet());
        }
        return gauge.getValue().longValue();
    }

    @SuppressWarnings("unchecked")
    private Object call(Method method, Object[] args) {
        String name = method.getName();
        if (name.equals("gauge") && args.length == 4 && args[0] instanceof Metadata metadata) {
            MetricID id = new MetricID(metadata.getName(), (Tag[]) args[3]);
            Object target = args[1];
            Function<Object, Number> value = (Function<Object, Number>) args[2];
            Gauge<Number> gauge = () -> value.apply(target);
            if (gauges.putIfAbsent(id, gauge) != null) {
                registeredTwice.incrementAndGet();
                throw new IllegalArgumentException("a gauge " + id + " is registered already");
            }
            return gauge;
        }
        if (name.equals("counter") && args.length == 2 && args[0] instanceof Metadata metadata) {
            lookups.incrementAndGet();
            return counters.computeIfAbsent(new MetricID(metadata.getName(), (Tag[]) args[1]), id -> new FakeCounter());
        }
        if (name.equals("histogram") && args.length == 2 && args[0] instanceof Metadata metadata) {
            lookups.incrementAndGet();
            return histograms.computeIfAbsent(new MetricID(metadata.getName(), (Tag[]) args[1]), id -> new FakeHistogram());
        }
        if (name.equals("getGauges") && args == null) {
            return new TreeMap<>(gauges);
        }
        if (name.equals("getGauge") && args.length == 1) {
            return gauges.get((MetricID) args[0]);
        }
        if (name.equals("remove") && args.length == 1 && args[0] instanceof MetricID id) {
            return gauges.remove(id) != null;
        }
        throw new UnsupportedOperationException(method.toString());
    }

    public static final class FakeCounter implements Counter {
        private final AtomicLong count = new AtomicLong();

        @Override
        public void inc() {
            count.incrementAndGet();
        }

        @Override
        public void inc(long n) {
            count.addAndGet(n);
        }

        @Override
        public long getCount() {
            return count.get();
        }
    }

    public static final class FakeHistogram implements Histogram {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong sum = new AtomicLong();

        @Override
        public void update(int value) {
            update((long) value);
        }

        @Override
        public void update(long value) {
            count.incrementAndGet();
            sum.addAndGet(value);
        }

        @Override
        public long getCount() {
            return count.get();
        }

        @Override
        public long getSum() {
            return sum.get();
        }

        @Override
        public Snapshot getSnapshot() {
            throw new UnsupportedOperationException("not kept");
        }
    }
}
