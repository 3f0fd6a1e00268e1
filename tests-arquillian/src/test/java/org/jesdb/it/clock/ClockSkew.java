package org.jesdb.it.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jesdb.it.DebianPackages;

/**
 * One process's wall clock, moved by {@code scripts/clockskew.c}: a library preloaded into the
 * JVM that adds the milliseconds written in a file to every wall-clock read and leaves the
 * monotonic clocks alone. {@link #set(Duration)} makes the clock jump in the running process
 * within 200 ms, as a stepped NTP correction would.
 *
 * <p>The library is built here with gcc (the same source {@code scripts/local-cluster.sh}
 * builds for its skew mode).
 */
public final class ClockSkew {
    private final Path library;
    private final Path file;

    private ClockSkew(Path library, Path file) {
        this.library = library;
        this.file = file;
    }

    /** A clock at no offset whose offset lives in {@code file}; builds the library if needed. */
    public static ClockSkew inFile(Path file) throws IOException, InterruptedException {
        ClockSkew skew = new ClockSkew(build(), file);
        Files.createDirectories(file.getParent());
        skew.set(Duration.ZERO);
        return skew;
    }

    /** The environment that puts a process under this clock. */
    public Map<String, String> environment() {
        return Map.of("LD_PRELOAD", library.toString(), "JESDB_CLOCK_SKEW_FILE", file.toString());
    }

    /** Moves the clock to {@code offset} from true time (negative: behind). */
    public void set(Duration offset) throws IOException {
        // Written aside and moved over, so the library never reads a half-written number.
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, Long.toString(offset.toMillis()));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Compiles clockskew.c into the test folder unless a build newer than the source is there. */
    private static synchronized Path build() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("jesdb.repo"), "scripts", "clockskew.c");
        Path library = Path.of(System.getProperty("jesdb.it.dir"), "clockskew", "clockskew.so");
        if (Files.exists(library) && Files.getLastModifiedTime(library).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return library;
        }
        Files.createDirectories(library.getParent());
        DebianPackages.run(List.of("gcc", "-Wall", "-Wextra", "-Werror", "-O2", "-shared", "-fPIC", "-o", library.toString(),
                source.toString(), "-ldl"), "compiling " + source);
        return library;
    }
}
