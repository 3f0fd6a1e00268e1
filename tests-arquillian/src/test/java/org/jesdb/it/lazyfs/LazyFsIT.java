package org.jesdb.it.lazyfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The power-loss file system itself: what was synced survives a cut, what was not is gone,
 * also after a rename, and readers see unsynced writes until the cut. Without this, a power-loss
 * test that passes could simply be running on a file system that loses nothing.
 */
class LazyFsIT {
    private final Path dir = Path.of(System.getProperty("jesdb.it.dir"), "lazyfs-" + UUID.randomUUID());

    @Test
    void aPowerCutKeepsWhatWasSyncedAndDropsTheRest() throws Exception {
        assumeTrue(LazyFs.fuseAvailable(), "no /dev/fuse on this machine");
        try (LazyFs fs = LazyFs.mountIn(dir)) {
            Path log = fs.mountPoint().resolve("log");
            Path renamed = fs.mountPoint().resolve("renamed");
            try (FileChannel file = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                write(file, "synced;");
                file.force(false);
                write(file, "lost;");
            }
            try (FileChannel file = FileChannel.open(fs.mountPoint().resolve("tmp"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                write(file, "kept after rename");
                file.force(true);
            }
            Files.move(fs.mountPoint().resolve("tmp"), renamed, StandardCopyOption.ATOMIC_MOVE);
            assertThat(Files.readString(log)).isEqualTo("synced;lost;");

            fs.crash();
            fs.mount();

            assertThat(Files.readString(log)).isEqualTo("synced;");
            assertThat(Files.readString(renamed)).isEqualTo("kept after rename");
        }
    }

    private static void write(FileChannel file, String text) throws IOException {
        file.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }
}
