package org.jesdb.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a store holds on disk: its Raft log (and Raft snapshot markers) and its Xodus database, in bytes. */
public record DiskUsage(long raftLogBytes, long xodusBytes) {

    static DiskUsage of(Path raftFolder, Path xodusFolder) {
        return new DiskUsage(bytes(raftFolder), bytes(xodusFolder));
    }

    /** The sum of the folder's files; a file that goes while it is walked counts 0 (Xodus and Ratis roll files). */
    private static long bytes(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.mapToLong(DiskUsage::size).sum();
        } catch (IOException | UncheckedIOException changedMeanwhile) {
            return -1;
        }
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException goneMeanwhile) {
            return 0;
        }
    }
}
