package org.jesdb.web.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jesdb.ejb.lifecycle.UnknownStoreException;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.InsufficientStorageException;
import org.jesdb.store.InvalidInputException;
import org.jesdb.ejb.subscriptions.TooManyConnectionsException;
import org.jesdb.store.LimitExceededException;
import org.jesdb.store.MembershipException;
import org.jesdb.store.NotLeaderException;
import org.jesdb.store.StoreException;
import org.jesdb.store.StoreTimeoutException;
import org.jesdb.store.StoreUnavailableException;
import org.jesdb.store.security.AccessDeniedException;
import org.jesdb.store.security.AdminRequiredException;
import org.jesdb.store.security.LastAdminException;
import org.jesdb.ejb.security.SecurityOffException;
import org.jesdb.store.security.UserExistsException;
import org.jesdb.store.security.UserNotFoundException;
import org.jesdb.store.snapshots.SnapshotNotFoundException;
import org.jesdb.store.streams.DuplicateEventIdException;
import org.jesdb.store.streams.StreamDeletedException;
import org.jesdb.store.streams.StreamNotFoundException;
import org.jesdb.store.streams.WrongExpectedVersionException;
import org.jesdb.store.subscriptions.SubscriptionExistsException;
import org.jesdb.store.subscriptions.SubscriptionNotFoundException;

/** The store's typed errors as problem+json, one stable type each. */
@Provider
public class StoreExceptionMapper implements ExceptionMapper<StoreException> {
    private static final Logger LOG = Logger.getLogger(StoreExceptionMapper.class.getName());
    /** WebDAV's status (RFC 4918), which JAX-RS has no constant for: the server cannot store what it was sent. */
    private static final Response.StatusType INSUFFICIENT_STORAGE = Problem.status(507, "Insufficient Storage");

    @Override
    public Response toResponse(StoreException e) {
        return problemFor(e).toResponse();
    }

    private static Problem membership(MembershipException e) {
        Problem problem = switch (e.reason()) {
            case UNKNOWN_MEMBER -> Problem.of(Status.NOT_FOUND, "member-not-found", e.getMessage());
            case TIMED_OUT -> Problem.of(Status.GATEWAY_TIMEOUT, "membership-timeout", e.getMessage());
            default -> Problem.of(Status.CONFLICT, "membership-conflict", e.getMessage());
        };
        return problem.with("member", e.member()).with("reason", e.reason().name());
    }

    public static Problem problemFor(StoreException e) {
        if (e instanceof InvalidInputException x) {
            return Problem.of(Status.BAD_REQUEST, "invalid-input", e.getMessage()).with("field", x.field());
        }
        if (e instanceof LimitExceededException x) {
            return Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "too-large", e.getMessage())
                    .with("field", x.field()).with("limit", x.limit());
        }
        if (e instanceof WrongExpectedVersionException x) {
            return Problem.of(Status.CONFLICT, "wrong-expected-version", e.getMessage())
                    .with("stream", x.stream()).with("expectedVersion", x.expected()).with("actualVersion", x.actual());
        }
        if (e instanceof DuplicateEventIdException x) {
            return Problem.of(Status.CONFLICT, "duplicate-event-id", e.getMessage())
                    .with("stream", x.stream()).with("eventId", x.eventId().toString());
        }
        if (e instanceof StreamNotFoundException x) {
            return Problem.of(Status.NOT_FOUND, "stream-not-found", e.getMessage()).with("stream", x.stream());
        }
        if (e instanceof StreamDeletedException x) {
            return Problem.of(Status.GONE, "stream-deleted", e.getMessage()).with("stream", x.stream());
        }
        if (e instanceof SnapshotNotFoundException) {
            return Problem.of(Status.NOT_FOUND, "snapshot-not-found", e.getMessage());
        }
        if (e instanceof SubscriptionNotFoundException x) {
            return Problem.of(Status.NOT_FOUND, "subscription-not-found", e.getMessage()).with("subscription", x.name());
        }
        if (e instanceof SubscriptionExistsException x) {
            return Problem.of(Status.CONFLICT, "subscription-exists", e.getMessage()).with("subscription", x.name());
        }
        if (e instanceof AccessDeniedException x) {
            return Problem.of(Status.FORBIDDEN, "access-denied", e.getMessage()).with("stream", x.stream())
                    .with("right", x.right().name().toLowerCase(Locale.ROOT));
        }
        if (e instanceof TooManyConnectionsException x) {
            return Problem.of(Status.TOO_MANY_REQUESTS, "too-many-connections", e.getMessage())
                    .with("field", "connections").with("limit", x.limit());
        }
        if (e instanceof AdminRequiredException) {
            return Problem.of(Status.FORBIDDEN, "admin-required", e.getMessage());
        }
        if (e instanceof SecurityOffException) {
            return Problem.of(Status.CONFLICT, "security-off", e.getMessage());
        }
        if (e instanceof LastAdminException) {
            return Problem.of(Status.CONFLICT, "last-admin", e.getMessage());
        }
        if (e instanceof UserNotFoundException x) {
            return Problem.of(Status.NOT_FOUND, "user-not-found", e.getMessage()).with("user", x.name());
        }
        if (e instanceof UserExistsException x) {
            return Problem.of(Status.CONFLICT, "user-exists", e.getMessage()).with("user", x.name());
        }
        if (e instanceof UnknownStoreException x) {
            return Problem.of(Status.NOT_FOUND, "store-not-found", e.getMessage()).with("store", x.storeId());
        }
        if (e instanceof MembershipException x) {
            return membership(x);
        }
        if (e instanceof StoreTimeoutException) {
            return Problem.of(Status.GATEWAY_TIMEOUT, "timeout", e.getMessage());
        }
        if (e instanceof NotLeaderException x) {
            return Problem.of(Status.SERVICE_UNAVAILABLE, "not-leader", e.getMessage()).with("leader", x.leaderId())
                    .retryAfterSeconds(1);
        }
        if (e instanceof StoreUnavailableException) {
            return Problem.of(Status.SERVICE_UNAVAILABLE, "unavailable", e.getMessage()).retryAfterSeconds(1);
        }
        if (e instanceof InsufficientStorageException x) {
            return Problem.of(INSUFFICIENT_STORAGE, "insufficient-storage", e.getMessage())
                    .with("freeBytes", x.freeBytes()).with("requiredBytes", x.requiredBytes());
        }
        if (e instanceof CorruptDataException) {
            LOG.log(Level.SEVERE, "stored data failed its checksum", e);
            return Problem.of(Status.INTERNAL_SERVER_ERROR, "corrupt-data",
                    "stored data is damaged and was not returned: " + e.getMessage());
        }
        LOG.log(Level.SEVERE, "store error", e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "store-error", e.getMessage());
    }
}
