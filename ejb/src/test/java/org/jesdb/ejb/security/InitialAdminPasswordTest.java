package org.jesdb.ejb.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialAdminPasswordTest {

    @TempDir
    Path dataDir;

    @Test
    void madeOnceReadableByItsOwnerOnlyAndReadAgainLater() throws Exception {
        String first = InitialAdminPassword.readOrCreate(dataDir.resolve("new"));

        Path file = InitialAdminPassword.file(dataDir.resolve("new"));
        assertThat(first).hasSizeGreaterThanOrEqualTo(SecuritySettings.MIN_ADMIN_PASSWORD);
        assertThat(Files.readString(file)).isEqualTo(first + "\n");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(InitialAdminPassword.readOrCreate(dataDir.resolve("new"))).isEqualTo(first);
        try (var files = Files.list(dataDir.resolve("new"))) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void eachNodeGetsItsOwn() {
        assertThat(InitialAdminPassword.readOrCreate(dataDir.resolve("a")))
                .isNotEqualTo(InitialAdminPassword.readOrCreate(dataDir.resolve("b")));
    }

    @Test
    void aFileWithoutAUsablePasswordStopsTheStartNamingTheWayOut() throws Exception {
        Files.writeString(InitialAdminPassword.file(dataDir), "short\n");

        assertThatThrownBy(() -> InitialAdminPassword.readOrCreate(dataDir))
                .hasMessageContaining("initial-admin-password").hasMessageContaining("JESDB_ADMIN_PASSWORD")
                .hasMessageNotContaining("short");
    }

    @Test
    void aDataFolderThatCannotHoldTheFileNamesTheSettingThatAvoidsIt() throws Exception {
        Path notAFolder = Files.writeString(dataDir.resolve("a-file"), "");

        assertThatThrownBy(() -> InitialAdminPassword.readOrCreate(notAFolder)).hasMessageContaining("JESDB_ADMIN_PASSWORD");
    }
}
