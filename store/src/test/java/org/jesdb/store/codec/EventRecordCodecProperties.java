package org.jesdb.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.streams.RecordedEvent;

class EventRecordCodecProperties {

    @Property
    void aRecordReadsBackAsWritten(@ForAll("events") RecordedEvent event) {
        RecordedEvent decoded = EventRecordCodec.decode(EventRecordCodec.encode(event), event.position());

        assertThat(decoded).usingRecursiveComparison().isEqualTo(event);
    }

    @Property
    void anyFlippedBitIsDetected(@ForAll("events") RecordedEvent event, @ForAll @IntRange(min = 0, max = 1 << 20) int where,
                                 @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = EventRecordCodec.encode(event);
        int index = where % bytes.length;
        bytes[index] ^= (byte) (1 << bit);

        assertThatThrownBy(() -> EventRecordCodec.decode(bytes, event.position()))
                .isInstanceOf(CorruptDataException.class);
    }

    @Property
    void aTruncatedRecordIsDetected(@ForAll("events") RecordedEvent event, @ForAll @IntRange(min = 1, max = 1 << 20) int cut) {
        byte[] bytes = EventRecordCodec.encode(event);
        byte[] truncated = java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - 1 - cut % bytes.length));

        assertThatThrownBy(() -> EventRecordCodec.decode(truncated, event.position()))
                .isInstanceOf(CorruptDataException.class);
    }

    @Property
    void aRecordReadAtAnotherPositionIsRejected(@ForAll("events") RecordedEvent event) {
        byte[] bytes = EventRecordCodec.encode(event);

        assertThatThrownBy(() -> EventRecordCodec.decode(bytes, event.position() + 1))
                .isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("holds position");
    }

    @Provide
    Arbitrary<RecordedEvent> events() {
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Combinators.combine(names, names, Arbitraries.longs().between(0, Long.MAX_VALUE / 2),
                        Arbitraries.longs().between(0, Long.MAX_VALUE / 2), bytes, bytes,
                        Arbitraries.longs().between(0, 4_000_000_000_000L))
                .as((type, stream, version, position, data, metadata, millis) -> new RecordedEvent(
                        UUID.nameUUIDFromBytes(data), type, stream, version, position, Instant.ofEpochMilli(millis),
                        "application/json", data, metadata));
    }
}
