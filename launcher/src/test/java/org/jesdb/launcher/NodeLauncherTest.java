package org.jesdb.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeLauncherTest {
    @TempDir
    Path dir;

    @Test
    void settingsInPayarasSystemPropertiesFileChooseTheDataFolderAsTheyWillForTheStore() throws Exception {
        Path file = Files.writeString(dir.resolve("node.properties"), "jesdb.data.dir=" + dir.resolve("from-file") + "\n");
        List<String> args = List.of("--port", "18080", "--systemProperties", file.toString());

        TlsSettings settings = TlsSettings.from(NodeLauncher.systemProperties(PayaraArguments.systemPropertiesFile(args)),
                Map.of("JESDB_DATA_DIR", "/from/the/environment")::get);

        assertThat(settings.generatedDir()).isEqualTo(dir.resolve("from-file").resolve("tls"));
    }

    @Test
    void withoutTheFileTheJvmsOwnPropertiesAreRead() {
        assertThat(PayaraArguments.systemPropertiesFile(List.of("--port", "18080"))).isEmpty();
        assertThat(NodeLauncher.systemProperties(Optional.empty()).apply("java.home")).isEqualTo(System.getProperty("java.home"));
    }

    @Test
    void aFileThatCannotBeReadStopsTheStartNamingTheOption() {
        assertThatThrownBy(() -> NodeLauncher.systemProperties(Optional.of(dir.resolve("missing.properties"))))
                .isInstanceOf(TlsSetupException.class).hasMessageContaining("--systemproperties");
    }
}
