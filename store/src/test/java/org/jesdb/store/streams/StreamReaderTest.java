package org.jesdb.store.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jetbrains.exodus.ArrayByteIterable;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.storage.Keys;
import org.jesdb.store.storage.XodusStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged storage is reported, never served: records and the stream index are checked on read. */
class StreamReaderTest {
    @TempDir
    Path dir;
    XodusStorage storage;
    StreamReader reader;

    @BeforeEach
    void open() {
        storage = new XodusStorage(dir);
        reader = new StreamReader(storage);
        StreamWriter writer = new StreamWriter(storage);
        storage.write(txn -> {
            List<RecordedEvent> written = new ArrayList<>();
            writer.append(txn, "a", ExpectedVersion.any(), events(3), Instant.now(), written);
            writer.append(txn, "b", ExpectedVersion.any(), events(3), Instant.now(), written);
            return written;
        });
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static List<ProposedEvent> events(int count) {
        List<ProposedEvent> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(ProposedEvent.json(UUID.randomUUID(), "E", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8), null));
        }
        return out;
    }

    @Test
    void aFilteredReadOfAllPagesOnWithinItsBudgetEvenWhenAPageIsEmpty() {
        // a: positions 0-2, b: 3-5; only b is visible, two records are looked at per page
        List<Long> forward = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Long from = 0L;
        while (from != null) {
            long at = from;
            EventPage page = storage.read(txn -> reader.readAll(txn, at, 10, Direction.FORWARD, "b"::equals, 2));
            page.events().forEach(event -> forward.add(event.position()));
            sizes.add(page.events().size());
            from = page.next();
        }
        assertThat(forward).containsExactly(3L, 4L, 5L);
        assertThat(sizes).containsExactly(0, 1, 2);

        List<Long> backward = new ArrayList<>();
        from = -1L;
        while (from != null) {
            long at = from;
            EventPage page = storage.read(txn -> reader.readAll(txn, at, 10, Direction.BACKWARD, "b"::equals, 2));
            page.events().forEach(event -> backward.add(event.position()));
            from = page.next();
        }
        assertThat(backward).containsExactly(5L, 4L, 3L);
    }

    @Test
    void aMissingIndexEntryIsDamageNotAnotherStreamsEvents() {
        storage.write(txn -> storage.streamIndex().delete(txn, Keys.streamVersion("a", 2)));

        assertThatThrownBy(() -> storage.read(txn -> reader.readStream(txn, "a", 0, 10, Direction.FORWARD)))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("stream 'a'");
        assertThatThrownBy(() -> storage.read(txn -> reader.readStream(txn, "a", 2, 10, Direction.BACKWARD)))
                .isInstanceOf(CorruptDataException.class);
    }

    @Test
    void anIndexEntryPointingAtAnotherStreamsEventIsDamage() {
        storage.write(txn -> storage.streamIndex().put(txn, Keys.streamVersion("a", 1), Keys.position(4)));

        assertThatThrownBy(() -> storage.read(txn -> reader.readStream(txn, "a", 0, 10, Direction.FORWARD)))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("points to position 4");
    }

    @Test
    void aRecordWithAFlippedBitIsReportedNotReturned() {
        storage.write(txn -> {
            byte[] record = XodusStorage.copy(storage.log().get(txn, Keys.position(1)));
            record[record.length / 2] ^= 0x10;
            return storage.log().put(txn, Keys.position(1), new ArrayByteIterable(record));
        });

        assertThat(storage.damage()).isNull();
        assertThatThrownBy(() -> storage.read(txn -> reader.readAll(txn, 0, 10, Direction.FORWARD)))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("position 1");
        assertThat(storage.read(txn -> reader.readStream(txn, "b", 0, 10, Direction.FORWARD)).events()).hasSize(3);
        assertThat(storage.damage()).as("the node reports itself damaged").contains("checksum mismatch");
    }
}
