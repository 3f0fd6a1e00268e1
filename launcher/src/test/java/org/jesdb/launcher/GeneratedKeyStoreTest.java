package org.jesdb.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the JDK's keytool, as the node does. */
class GeneratedKeyStoreTest {
    @TempDir
    Path dataDir;

    private final Keytool keytool = new Keytool(Path.of(System.getProperty("java.home")));

    private GeneratedKeyStore at(Instant now) {
        return new GeneratedKeyStore(dataDir.resolve("tls"), keytool, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void theFirstStartMakesAnOwnerOnlyKeyForLocalhostAndTheConfiguredNames() throws Exception {
        ServedKeyStore made = at(Instant.now()).loadOrCreate(List.of("db.example.com", "10.0.0.7"));

        assertThat(made.origin()).isEqualTo("generated");
        assertThat(GeneratedKeyStore.subjectAlternativeNames(made.certificate()))
                .containsExactlyInAnyOrder("localhost", "127.0.0.1", "db.example.com", "10.0.0.7");
        assertThat(made.certificate().getSubjectX500Principal().getName()).contains("CN=db.example.com");
        Path folder = dataDir.resolve("tls");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("node.p12")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("node.password"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(folder.resolve("node.crt"))).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(folder.resolve("node.p12.new")).doesNotExist();
    }

    @Test
    void aLaterStartServesTheSameCertificate() {
        ServedKeyStore first = at(Instant.now()).loadOrCreate(List.of("::1"));
        ServedKeyStore again = at(Instant.now().plus(Duration.ofDays(365))).loadOrCreate(List.of("::1"));

        assertThat(again.origin()).isEqualTo("reused");
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.password()).isEqualTo(first.password());
    }

    @Test
    void aCertificateIsMadeAgainWhenANewHostNameIsConfigured() {
        ServedKeyStore first = at(Instant.now()).loadOrCreate(List.of());
        ServedKeyStore again = at(Instant.now()).loadOrCreate(List.of("db.example.com"));

        assertThat(again.origin()).isEqualTo("regenerated");
        assertThat(again.fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void aCertificateIsMadeAgainShortlyBeforeItExpires() {
        ServedKeyStore first = at(Instant.now()).loadOrCreate(List.of());
        Instant nearItsEnd = first.certificate().getNotAfter().toInstant().minus(Duration.ofDays(10));

        ServedKeyStore again = at(nearItsEnd).loadOrCreate(List.of());

        assertThat(again.origin()).isEqualTo("regenerated");
        assertThat(again.fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void anUnreadableKeyStoreIsReplacedRatherThanStoppingTheNode() throws Exception {
        at(Instant.now()).loadOrCreate(List.of());
        Files.writeString(dataDir.resolve("tls").resolve("node.password"), "not the password");

        ServedKeyStore again = at(Instant.now()).loadOrCreate(List.of());

        assertThat(again.origin()).isEqualTo("regenerated");
    }
}
