package org.jesdb.store.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.ratis.server.protocol.TermIndex;
import org.jesdb.store.CorruptDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateInstallationTest {
    @TempDir
    Path dir;

    @Test
    void aBackupOfOneEnvironmentReplacesAnotherWhileItStaysOpen() throws Exception {
        Path zip = backupOfAStateAt(TermIndex.valueOf(3, 42));
        try (XodusStorage target = new XodusStorage(dir.resolve("target"))) {
            assertThat(target.applied()).isEmpty();
            Path unpacked = StateInstallation.unpack(zip, target.folder(), 1L << 30);
            assertThat(target.replaceWith(unpacked, 42).getIndex()).isEqualTo(42);
            assertThat(target.applied()).hasValueSatisfying(applied -> assertThat(applied.getIndex()).isEqualTo(42));
        }
        assertThat(dir.resolve("target.installing")).doesNotExist();
        assertThat(dir.resolve("target.old")).doesNotExist();
    }

    @Test
    void aStateOlderThanNeededIsRefusedAndTheLiveOneStays() throws Exception {
        Path zip = backupOfAStateAt(TermIndex.valueOf(1, 5));
        try (XodusStorage target = new XodusStorage(dir.resolve("target"))) {
            markApplied(target, TermIndex.valueOf(2, 9));
            Path unpacked = StateInstallation.unpack(zip, target.folder(), 1L << 30);
            assertThatThrownBy(() -> target.replaceWith(unpacked, 10)).isInstanceOf(CorruptDataException.class)
                    .hasMessageContaining("older than the 10 needed");
            assertThat(target.applied()).hasValueSatisfying(applied -> assertThat(applied.getIndex()).isEqualTo(9));
        }
    }

    @Test
    void anEntryThatClimbsOutOfTheFolderIsRefused() throws Exception {
        Path zip = zip("../escape.xd", "boom");
        assertThatThrownBy(() -> StateInstallation.unpack(zip, dir.resolve("xodus"), 1 << 20))
                .isInstanceOf(CorruptDataException.class).hasMessageContaining("../escape.xd");
        assertThat(dir.resolve("escape.xd")).doesNotExist();
    }

    @Test
    void moreBytesThanAllowedAreRefused() throws Exception {
        Path zip = zip("00000000000.xd", "x".repeat(1000));
        assertThatThrownBy(() -> StateInstallation.unpack(zip, dir.resolve("xodus"), 100))
                .isInstanceOf(CorruptDataException.class);
    }

    @Test
    void aSwapInterruptedBetweenItsTwoRenamesIsFinishedOnOpen() throws Exception {
        Path live = dir.resolve("xodus");
        Files.createDirectories(live.resolveSibling("xodus.old"));
        Files.writeString(live.resolveSibling("xodus.old").resolve("old.xd"), "old");
        Files.createDirectories(live.resolveSibling("xodus.installing"));
        Files.writeString(live.resolveSibling("xodus.installing").resolve("new.xd"), "new");

        StateInstallation.recover(live);

        assertThat(live.resolve("new.xd")).hasContent("new");
        assertThat(live.resolveSibling("xodus.old")).doesNotExist();
    }

    @Test
    void anUnfinishedUnpackIsDroppedAndTheLiveEnvironmentKept() throws Exception {
        Path live = dir.resolve("xodus");
        Files.createDirectories(live);
        Files.writeString(live.resolve("live.xd"), "live");
        Files.createDirectories(live.resolveSibling("xodus.installing"));

        StateInstallation.recover(live);

        assertThat(live.resolve("live.xd")).hasContent("live");
        assertThat(live.resolveSibling("xodus.installing")).doesNotExist();
    }

    /** A hot backup of an environment that has applied up to {@code applied}. */
    private Path backupOfAStateAt(TermIndex applied) throws IOException {
        Path exports = dir.resolve("exports");
        Files.createDirectories(exports);
        try (XodusStorage source = new XodusStorage(dir.resolve("source"))) {
            markApplied(source, applied);
            return source.backup(exports);
        }
    }

    private static void markApplied(XodusStorage storage, TermIndex applied) {
        storage.write(txn -> {
            storage.putApplied(txn, applied);
            return null;
        });
    }

    private Path zip(String entry, String content) throws IOException {
        Path zip = dir.resolve("state.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return zip;
    }
}
