package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFoldersTest {
    @TempDir
    Path dir;

    @Test
    void aNewDataFolderAndItsStoreFolderAreTheOwnersOnly() throws Exception {
        Path data = dir.resolve("new/data");

        try (EventStore store = EventStore.open(StoreConfig.singleNode(data))) {
            assertThat(store.streamVersion("nothing")).isNegative();
        }

        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("default"))).isEqualTo("rwx------");
    }

    @Test
    void anOpenStoreFolderIsClosedButTheOperatorsDataFolderIsLeftAsItIs() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = Files.createDirectory(data.resolve("default"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxr-x"));

        OwnerOnlyFolders.secure(data, home);

        assertThat(permissions(data)).isEqualTo("rwxr-xr-x");
        assertThat(permissions(home)).isEqualTo("rwx------");
    }

    private static String permissions(Path folder) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(folder));
    }
}
