package org.jesdb.store.storage;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jetbrains.exodus.ArrayByteIterable;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.ProposedEvent;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.streams.StreamWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan at open finds damage in records no read has touched, and names the file that holds it. */
class XodusScanTest {
    @TempDir
    Path dir;
    XodusStorage storage;

    @BeforeEach
    void open() {
        storage = new XodusStorage(dir);
        StreamWriter writer = new StreamWriter(storage);
        storage.write(txn -> {
            List<ProposedEvent> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(ProposedEvent.json(UUID.randomUUID(), "E",
                        ("{\"n\":" + i + ",\"pad\":\"" + "p".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8), null));
            }
            List<RecordedEvent> written = new ArrayList<>();
            writer.append(txn, "s", ExpectedVersion.any(), events, Instant.now(), written);
            return written;
        });
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void wholeDataPasses() {
        assertThatCode(() -> XodusScan.verify(storage)).doesNotThrowAnyException();
    }

    @Test
    void aFlippedBitInAnEventNamesTheStoreAndTheFile() {
        storage.write(txn -> {
            byte[] record = XodusStorage.copy(storage.log().get(txn, Keys.position(3)));
            record[record.length / 2] ^= 0x10;
            return storage.log().put(txn, Keys.position(3), new ArrayByteIterable(record));
        });
        storage.syncToDisk();

        assertThatThrownBy(() -> XodusScan.verify(storage)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("Xodus store 'log'")
                .hasMessageContaining("in file " + dir.resolve("00000000000.xd"))
                .hasMessageContaining("restore the data folder from a backup");
    }

    @Test
    void anIndexEntryPointingOutsideTheLogIsDamage() {
        storage.write(txn -> storage.streamIndex().put(txn, Keys.streamVersion("s", 9), Keys.position(99)));

        assertThatThrownBy(() -> XodusScan.verify(storage)).isInstanceOf(CorruptDataException.class)
                .hasMessageContaining("Xodus store 'stream_index'");
    }
}
