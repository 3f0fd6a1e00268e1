package org.jesdb.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jesdb.store.streams.ProposedEvent;

/** Test helpers for an embedded store. */
final class EmbeddedStore {
    private EmbeddedStore() {
    }

    static StoreConfig config(Path dir) {
        return StoreConfig.singleNode(dir);
    }

    static ProposedEvent event(String type, String json) {
        return ProposedEvent.json(UUID.randomUUID(), type, json.getBytes(StandardCharsets.UTF_8), null);
    }

    static List<ProposedEvent> events(int count, String type) {
        List<ProposedEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(event(type, "{\"n\":" + i + "}"));
        }
        return out;
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
