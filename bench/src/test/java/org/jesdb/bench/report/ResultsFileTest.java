package org.jesdb.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultsFileTest {

    @Test
    void replacesOnlyTheTextBetweenTheMarkers() {
        String file = "# Benchmarks\n\nReading by hand.\n\n" + ResultsFile.BEGIN + "\n\nold table\n\n" + ResultsFile.END
                + "\n\nMore reading.\n";

        String updated = ResultsFile.replaceBetweenMarkers(file, "new table\n");

        assertThat(updated).isEqualTo("# Benchmarks\n\nReading by hand.\n\n" + ResultsFile.BEGIN + "\n\nnew table\n\n"
                + ResultsFile.END + "\n\nMore reading.\n");
    }

    @Test
    void appendsTheMarkedBlockToAFileWithoutMarkers() {
        String updated = ResultsFile.replaceBetweenMarkers("# Benchmarks\n", "table");

        assertThat(updated).isEqualTo("# Benchmarks\n\n" + ResultsFile.BEGIN + "\n\ntable\n\n" + ResultsFile.END + "\n");
    }
}
