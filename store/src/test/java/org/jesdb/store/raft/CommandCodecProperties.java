package org.jesdb.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jesdb.store.StoreException;
import org.jesdb.store.security.AccessRule;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.Right;
import org.jesdb.store.security.User;
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.subscriptions.Glob;
import org.jesdb.store.subscriptions.Ordering;
import org.jesdb.store.subscriptions.PayloadMatcher;
import org.jesdb.store.subscriptions.Selector;
import org.jesdb.store.subscriptions.StartPoint;
import org.jesdb.store.subscriptions.SubscriptionSettings;

class CommandCodecProperties {

    @Property
    void aBatchReadsBackAsWritten(@ForAll("batches") CommandBatch batch) {
        CommandBatch decoded = CommandCodec.decode(CommandCodec.encode(batch));

        // Selectors' matchers hold parsed JSON: their own equals says whether two are the same.
        assertThat(decoded).usingRecursiveComparison()
                .withEqualsForType(PayloadMatcher::equals, PayloadMatcher.class)
                .withEqualsForType(Glob::equals, Glob.class)
                .isEqualTo(batch);
    }

    @Property
    void damagedBytesAreRejectedWithATypedError(@ForAll("batches") CommandBatch batch, @ForAll int where, @ForAll byte value) {
        byte[] bytes = CommandCodec.encode(batch);
        int index = Math.floorMod(where, bytes.length);
        byte before = bytes[index];
        bytes[index] = value;

        if (before != value) {
            assertThatThrownBy(() -> CommandCodec.decode(bytes)).isInstanceOf(StoreException.class);
        }
    }

    @Property
    void randomBytesNeverDecodeIntoSomethingElse(@ForAll byte[] noise) {
        assertThatThrownBy(() -> CommandCodec.decode(noise)).isInstanceOf(StoreException.class);
    }

    private static Arbitrary<Command> subscriptionCommands(Arbitrary<String> names) {
        Arbitrary<Selector> selectors = Arbitraries.oneOf(
                names.map(Selector::stream),
                Arbitraries.just(Selector.all()),
                names.list().ofMinSize(1).ofMaxSize(3).map(Selector::eventTypes),
                Combinators.combine(names, names).as((stream, type) -> Selector.pattern(stream + "-*", type + "?")),
                names.map(key -> Selector.payload("{\"" + key + "\": {\"tier\": \"gold\"}, \"n\": 1.5}")));
        Arbitrary<StartPoint> starts = Arbitraries.oneOf(Arbitraries.of(StartPoint.start(), StartPoint.end()),
                Arbitraries.longs().between(0, 1_000_000).map(StartPoint::position),
                Arbitraries.longs().between(0, 1_000_000).map(StartPoint::version));
        Arbitrary<SubscriptionSettings> settings = Combinators.combine(Arbitraries.integers().between(1, 10_000),
                        Arbitraries.integers().between(0, 1_000), Arbitraries.of(Ordering.class),
                        Arbitraries.longs().between(100, 3_600_000))
                .as((inFlight, retries, ordering, ackMs) -> new SubscriptionSettings(inFlight, retries, ordering,
                        Duration.ofMillis(ackMs)));
        Arbitrary<Long> positions = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Arbitraries.oneOf(
                Combinators.combine(names, selectors, starts, settings).as(Command.CreateSubscription::new),
                Combinators.combine(names, settings).as(Command.UpdateSubscription::new),
                names.map(Command.DeleteSubscription::new),
                Combinators.combine(names, positions).as(Command.Checkpoint::new),
                Combinators.combine(names, positions, Arbitraries.integers().between(1, 1_000), names)
                        .as(Command.ParkEvent::new),
                Combinators.combine(names, positions).as(Command.UnparkEvent::new));
    }

    private static Arbitrary<Command> securityCommands() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> hashes = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(200);
        Arbitrary<User> users = Combinators.combine(names, hashes, names.set().ofMaxSize(4)).as(User::new);
        Arbitrary<String> grantees = Arbitraries.oneOf(names, names.map(role -> "role:" + role), Arbitraries.just("*"));
        Arbitrary<AccessRule> rules = Combinators.combine(names,
                        Arbitraries.maps(Arbitraries.of(Right.class), grantees.list().ofMaxSize(3)).ofMaxSize(4))
                .as((prefix, grants) -> new AccessRule(Glob.compile("streams", prefix + "-*"), grants));
        return Arbitraries.oneOf(
                Combinators.combine(users, Arbitraries.of(true, false)).as(Command.PutUser::new),
                names.map(Command.DeleteUser::new),
                Combinators.combine(rules.list().ofMaxSize(3), rules).as(AccessRules::new).map(Command.PutAccessRules::new),
                Combinators.combine(users, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200))
                        .as(Command.InitializeSecurity::new));
    }

    @Provide
    Arbitrary<CommandBatch> batches() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars('-', '_', 'é').ofMinLength(1).ofMaxLength(30);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(100);
        Arbitrary<ExpectedVersion> expected = Arbitraries.oneOf(
                Arbitraries.of(ExpectedVersion.any(), ExpectedVersion.noStream(), ExpectedVersion.streamExists()),
                Arbitraries.longs().between(0, 1_000_000).map(ExpectedVersion::exactly));
        Arbitrary<ProposedEvent> event = Combinators.combine(names, bytes, bytes)
                .as((type, data, metadata) -> new ProposedEvent(UUID.randomUUID(), type, "application/json", data, metadata));
        Arbitrary<Command> append = Combinators.combine(names, expected, event.list().ofMinSize(1).ofMaxSize(4))
                .as(Command.Append::new);
        Arbitrary<Command> delete = Combinators.combine(names, expected, Arbitraries.of(DeleteMode.class))
                .as(Command.DeleteStream::new);
        Arbitrary<Command> snapshot = Combinators.combine(names, names, Arbitraries.longs().between(0, 1000), bytes)
                .as((source, stream, version, data) -> new Command.RecordSnapshot(source, stream, version, "application/json", data));
        Arbitrary<Command> dropSnapshot = Combinators.combine(names, names, Arbitraries.longs().between(0, 1000))
                .as(Command.DeleteSnapshot::new);
        return Combinators.combine(Arbitraries.longs().between(0, 4_000_000_000_000L),
                        Arbitraries.oneOf(append, delete, snapshot, dropSnapshot, subscriptionCommands(names),
                                        securityCommands())
                                .list().ofMinSize(1).ofMaxSize(5))
                .as((millis, commands) -> new CommandBatch(Instant.ofEpochMilli(millis), List.copyOf(commands)));
    }
}
