package org.jesdb.bench.rest;

import java.util.List;
import org.jesdb.bench.events.BenchEvent;

/** The JSON body of an append, written by hand: the event data is JSON already. */
final class AppendBody {
    private AppendBody() {
    }

    static String of(List<BenchEvent> events) {
        StringBuilder json = new StringBuilder(events.size() * 460 + 48).append("{\"expectedVersion\":\"any\",\"events\":[");
        for (int i = 0; i < events.size(); i++) {
            BenchEvent event = events.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(event.id())
                    .append("\",\"type\":\"").append(event.type())
                    .append("\",\"data\":").append(event.dataJson())
                    .append(",\"metadata\":").append(event.metadataJson())
                    .append('}');
        }
        return json.append("]}").toString();
    }
}
