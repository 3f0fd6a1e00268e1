package org.jesdb.it.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jesdb.ejb.streams.EventsAppended;

/** A bean deployed beside the store, as an application would, that records every append it hears. */
@ApplicationScoped
public class RecordingObserver {
    private final List<String> heard = new CopyOnWriteArrayList<>();

    void onAppended(@Observes EventsAppended appended) {
        appended.events().forEach(event -> heard.add(event.stream() + "@" + event.version() + "#" + event.position()));
    }

    public List<String> heard() {
        return List.copyOf(heard);
    }
}
