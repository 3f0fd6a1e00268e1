package org.jesdb.web.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.Optional;
import org.jesdb.ejb.subscriptions.ConnectionQuota;
import org.jesdb.ejb.subscriptions.DeliveryThreads;
import org.jesdb.ejb.subscriptions.SubscriptionService;
import org.jesdb.store.InvalidInputException;
import org.jesdb.store.security.Caller;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.TransientSubscription;

/**
 * Transient subscriptions over SSE (the non-durable subscribers): catch up from the point
 * asked, then live, until the client closes the connection. {@code Last-Event-ID} (a global
 * position) resumes right after that event. A connection opened with a token ends when the
 * token expires ({@link TokenExpiry}).
 */
@ApplicationScoped
public class LiveEvents {
    /** Messages written and not yet confirmed by the connection, per client. */
    static final int WINDOW = 256;

    @Inject
    DeliveryThreads threads;

    @Inject
    ConnectionQuota quota;

    /** Opens the connection for {@code caller}, who signed in with a token expiring at {@code tokenExpires}, if any. */
    public void open(SubscriptionService subscriptions, Caller caller, Optional<Instant> tokenExpires, String store,
                     Selector selector, StartPoint from, String lastEventId, SseEventSink sink, Sse sse) {
        StartPoint start = lastEventId == null || lastEventId.isBlank() ? from : afterPosition(lastEventId);
        Runnable release = quota.take(caller);
        SseDelivery delivery = new SseDelivery(sink, sse, threads, TokenExpiry.at(tokenExpires), release);
        TransientSubscription subscription = null;
        try {
            subscription = subscriptions.subscribe(caller, store, selector, start, WINDOW, delivery);
            delivery.attach(subscription, message -> true, subscription::sent);
            subscription.start();
        } catch (RuntimeException refused) {
            release.run();
            if (subscription != null) {
                subscription.close();
            }
            throw refused;
        }
    }

    private static StartPoint afterPosition(String lastEventId) {
        try {
            long position = Long.parseLong(lastEventId.trim());
            if (position < 0) {
                throw new NumberFormatException();
            }
            return StartPoint.position(position + 1);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("Last-Event-ID", "must be a global position (a whole number >= 0)");
        }
    }
}
