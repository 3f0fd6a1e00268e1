package org.jesdb.store;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jesdb.store.subscriptions.SubscriptionMessage;
import org.jesdb.store.subscriptions.SubscriptionSink;

/** A consumer for tests: keeps every message, and may act on each one as it comes. */
final class RecordingSink implements SubscriptionSink {
    final List<SubscriptionMessage> messages = new CopyOnWriteArrayList<>();
    final List<String> closedReasons = new CopyOnWriteArrayList<>();
    private final Consumer<SubscriptionMessage> onMessage;

    RecordingSink() {
        this(message -> { });
    }

    RecordingSink(Consumer<SubscriptionMessage> onMessage) {
        this.onMessage = onMessage;
    }

    @Override
    public boolean offer(SubscriptionMessage message) {
        messages.add(message);
        onMessage.accept(message);
        return true;
    }

    @Override
    public void closed(String reason) {
        closedReasons.add(reason);
    }

    List<UUID> ids() {
        return messages.stream().map(message -> message.event().id()).toList();
    }

    List<Long> positions() {
        return messages.stream().map(message -> message.event().position()).toList();
    }

    List<String> dataTexts() {
        return messages.stream().map(message -> EmbeddedStore.text(message.event().data())).toList();
    }
}
