package org.jesdb.it.cdi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Lets the test read what {@link RecordingObserver} heard. */
@Path("test/observed")
@RequestScoped
public class ObservedEventsResource {
    @Inject
    RecordingObserver observer;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> heard() {
        return observer.heard();
    }
}
