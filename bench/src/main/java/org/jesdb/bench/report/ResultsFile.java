package org.jesdb.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the report into BENCHMARKS.md between two markers, leaving the text around them (the
 * hand-written reading of the figures) as it is. A file without the markers gets them at its end.
 */
public final class ResultsFile {
    public static final String BEGIN = "<!-- bench:results:begin (written by bench/run.sh --write-results) -->";
    public static final String END = "<!-- bench:results:end -->";

    private ResultsFile() {
    }

    public static void write(Path file, String results) throws IOException {
        String current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n\n";
        Files.writeString(file, replaceBetweenMarkers(current, results), StandardCharsets.UTF_8);
    }

    static String replaceBetweenMarkers(String text, String results) {
        String block = BEGIN + "\n\n" + results.strip() + "\n\n" + END;
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin >= 0 && end > begin) {
            return text.substring(0, begin) + block + text.substring(end + END.length());
        }
        String separator = text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
        return text + separator + block + "\n";
    }
}
