package org.jesdb.it.inprocess;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Lets the test read what {@link BillingConsumer} handled. */
@Path("test/billing")
@RequestScoped
public class BilledEventsResource {
    @EJB
    BillingConsumer billing;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> handled() {
        return billing.handled();
    }
}
