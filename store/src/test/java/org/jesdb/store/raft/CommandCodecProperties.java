package org.jesdb.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.jesdb.store.streams.DeleteMode;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;

class CommandCodecProperties {

    @Property
    void aBatchReadsBackAsWritten(@ForAll("batches") CommandBatch batch) {
        CommandBatch decoded = CommandCodec.decode(CommandCodec.encode(batch));

        assertThat(decoded).usingRecursiveComparison().isEqualTo(batch);
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
                        Arbitraries.oneOf(append, delete, snapshot, dropSnapshot).list().ofMinSize(1).ofMaxSize(5))
                .as((millis, commands) -> new CommandBatch(Instant.ofEpochMilli(millis), List.copyOf(commands)));
    }
}
