package org.jesdb.web.errors;

import jakarta.ejb.EJBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.store.StoreException;

/** Anything else: logged once here, answered as a 500 problem without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof EJBException && e.getCause() instanceof StoreException store) {
            return StoreExceptionMapper.problemFor(store).toResponse();
        }
        LOG.log(Level.SEVERE, "unexpected error", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal", "an unexpected error happened; see the node's log")
                .toResponse();
    }
}
