package org.jesdb.bench.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the benchmark's events: an order-placed event of {@value #DATA_BYTES} bytes of JSON data
 * and a small JSON metadata with a correlation id, with a random UUID per event. Payloads come
 * from a small pre-built pool so that making events costs the client almost nothing.
 */
public final class EventFactory {
    public static final int DATA_BYTES = 300;
    public static final String TYPE = "OrderPlaced";
    private static final int POOL_SIZE = 256;

    private final List<Payload> pool = new ArrayList<>(POOL_SIZE);

    private record Payload(byte[] data, byte[] metadata, String dataJson, String metadataJson) {
    }

    public EventFactory() {
        for (int i = 0; i < POOL_SIZE; i++) {
            String data = orderPlaced(i);
            String metadata = "{\"correlationId\":\"" + randomUuid() + "\"}";
            pool.add(new Payload(data.getBytes(StandardCharsets.UTF_8), metadata.getBytes(StandardCharsets.UTF_8),
                    data, metadata));
        }
    }

    /** Bytes of one event's metadata (they vary by payload only in their random id). */
    public int metadataBytes() {
        return pool.get(0).metadata().length;
    }

    /** {@code count} new events with fresh random ids. */
    public List<BenchEvent> next(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<BenchEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Payload payload = pool.get(random.nextInt(POOL_SIZE));
            events.add(new BenchEvent(randomUuid(), TYPE, payload.data(), payload.metadata(),
                    payload.dataJson(), payload.metadataJson()));
        }
        return events;
    }

    /** A version 4 UUID from a fast generator: unique enough for a benchmark, and cheap. */
    static UUID randomUuid() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static String orderPlaced(int seed) {
        StringBuilder json = new StringBuilder(DATA_BYTES)
                .append("{\"orderId\":\"").append(randomUuid())
                .append("\",\"customerId\":\"customer-").append(String.format("%06d", seed * 7919 % 1_000_000))
                .append("\",\"placedAt\":\"2026-11-25T10:").append(String.format("%02d", seed % 60)).append(":00Z\"")
                .append(",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-").append(String.format("%05d", seed * 31 % 100_000))
                .append("\",\"quantity\":").append(1 + seed % 5).append(",\"unitPrice\":19.99}")
                .append(",{\"sku\":\"SKU-").append(String.format("%05d", seed * 17 % 100_000))
                .append("\",\"quantity\":1,\"unitPrice\":5.49}],\"total\":")
                .append(String.format(Locale.ROOT, "%.2f", 19.99 * (1 + seed % 5) + 5.49))
                .append(",\"note\":\"");
        // Pad the note so that every payload has exactly DATA_BYTES bytes.
        int closing = 2;
        while (json.length() < DATA_BYTES - closing) {
            json.append('x');
        }
        return json.append("\"}").toString();
    }
}
