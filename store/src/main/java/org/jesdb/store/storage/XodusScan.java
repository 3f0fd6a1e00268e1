package org.jesdb.store.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jetbrains.exodus.ByteIterable;
import jetbrains.exodus.env.Cursor;
import jetbrains.exodus.env.Store;
import jetbrains.exodus.env.Transaction;
import jetbrains.exodus.log.DataCorruptionException;
import org.jesdb.store.CorruptDataException;
import org.jesdb.store.codec.BinaryReader;
import org.jesdb.store.codec.MalformedBinaryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every stored record once and checks it, when a store opens: a bit flipped on disk in a
 * record that no one reads for months is found at the next start, not when a reader meets it.
 * Events, stream states, snapshots, subscriptions and parked events carry a CRC32C; every
 * stream index entry must point into the log; Xodus's own structure is walked on the
 * way (a damaged tree fails to iterate). Damage names the Xodus file that holds the record.
 */
public final class XodusScan {
    private static final Logger LOG = LoggerFactory.getLogger(XodusScan.class);
    /** How many bytes of a damaged record are looked for in the files to name the one that holds it. */
    private static final int PROBE_BYTES = 48;

    private final XodusStorage storage;

    private XodusScan(XodusStorage storage) {
        this.storage = storage;
    }

    /** Throws {@link CorruptDataException}, naming the file and what to do, if a record is damaged. */
    public static void verify(XodusStorage storage) {
        long started = System.nanoTime();
        long records = new XodusScan(storage).scan();
        LOG.info("checked {} stored records in {} ms: no damage", records, (System.nanoTime() - started) / 1_000_000);
    }

    private long scan() {
        try {
            return storage.read(txn -> checked(txn, "log", storage.log())
                    + checked(txn, "streams", storage.streams())
                    + checked(txn, "snapshots", storage.snapshots())
                    + checked(txn, "subscriptions", storage.subscriptions())
                    + checked(txn, "parked", storage.parked())
                    + checked(txn, "security", storage.security())
                    + indexPointsIntoTheLog(txn));
        } catch (DataCorruptionException e) {
            throw new CorruptDataException("the Xodus data in " + storage.folder() + " is damaged (" + e.getMessage()
                    + "). " + WHAT_TO_DO);
        }
    }

    private static final String WHAT_TO_DO = "A cluster member repairs itself from a peer when it starts; a single "
            + "node cannot: restore the data folder from a backup.";

    /** Every value of {@code store} ends in a CRC32C of the rest. */
    private long checked(Transaction txn, String name, Store store) {
        long count = 0;
        try (Cursor cursor = store.openCursor(txn)) {
            while (cursor.getNext()) {
                byte[] value = XodusStorage.copy(cursor.getValue());
                try {
                    BinaryReader.checked(value, name + " record");
                } catch (MalformedBinaryException e) {
                    throw damaged(name, cursor.getKey(), value, e.getMessage());
                }
                count++;
            }
        }
        return count;
    }

    private long indexPointsIntoTheLog(Transaction txn) {
        long count = 0;
        // positions are dense and never deleted: an index entry is whole when it points below the next one
        long next = storage.nextPosition(txn);
        try (Cursor cursor = storage.streamIndex().openCursor(txn)) {
            while (cursor.getNext()) {
                ByteIterable position = cursor.getValue();
                if (position.getLength() != 8 || Keys.position(position) < 0 || Keys.position(position) >= next) {
                    throw damaged("stream_index", cursor.getKey(), XodusStorage.copy(position),
                            "an index entry points outside the log");
                }
                count++;
            }
        }
        return count;
    }

    private CorruptDataException damaged(String store, ByteIterable key, byte[] value, String detail) {
        String file = fileHolding(value).map(path -> "file " + path).orElse("one of the files of " + storage.folder());
        return new CorruptDataException("a damaged record in the Xodus store '" + store + "' (key "
                + Arrays.toString(Arrays.copyOf(XodusStorage.copy(key), Math.min(key.getLength(), 24))) + "), in " + file
                + ": " + detail + ". " + WHAT_TO_DO);
    }

    /** The Xodus file (*.xd) that holds these (damaged) bytes, found by looking for a part of them. */
    private Optional<Path> fileHolding(byte[] value) {
        if (value.length < 8) {
            return Optional.empty();
        }
        int from = Math.max(0, value.length / 2 - PROBE_BYTES / 2);
        byte[] probe = Arrays.copyOfRange(value, from, Math.min(value.length, from + PROBE_BYTES));
        try (Stream<Path> files = Files.list(storage.folder())) {
            List<Path> logFiles = files.filter(path -> path.getFileName().toString().endsWith(".xd")).sorted().toList();
            for (Path file : logFiles) {
                if (indexOf(Files.readAllBytes(file), probe) >= 0) {
                    return Optional.of(file);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not look for the damaged record in {}: {}", storage.folder(), e.toString());
        }
        return Optional.empty();
    }

    private static int indexOf(byte[] data, byte[] probe) {
        outer:
        for (int i = 0; i + probe.length <= data.length; i++) {
            for (int j = 0; j < probe.length; j++) {
                if (data[i + j] != probe[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
