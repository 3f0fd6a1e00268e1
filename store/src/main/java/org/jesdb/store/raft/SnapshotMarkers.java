package org.jesdb.store.raft;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.util.MD5FileUtil;
import org.jesdb.store.storage.StateInstallation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Raft snapshot files of this store are markers: a line saying up to which term and index
 * Xodus is synced, with the MD5 file Ratis keeps beside each. Their whole content follows from
 * their name, so a damaged marker (flipped, truncated, or with a damaged MD5 file) is found by
 * comparing and written again, with a warning; whether Xodus really reaches the index is
 * checked separately when the state machine starts.
 */
final class SnapshotMarkers {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotMarkers.class);

    private SnapshotMarkers() {
    }

    /** Writes the marker for {@code synced} and its MD5 file, both synced to disk with their folder. */
    static MD5Hash write(File file, TermIndex synced) throws IOException {
        Files.writeString(file.toPath(), content(synced), StandardCharsets.UTF_8);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        // Ratis purges the log up to the marker right after: it must survive a power loss.
        force(file.toPath());
        force(MD5FileUtil.getDigestFileForFile(file).toPath());
        StateInstallation.syncDirectory(file.toPath().getParent());
        return md5;
    }

    /** The index of the latest marker in {@code folder}, or -1 when there is none. */
    static long latestIndex(Path folder) throws IOException {
        long latest = -1;
        for (Path marker : markers(folder)) {
            Matcher name = SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(marker.getFileName().toString());
            if (name.matches()) {
                latest = Math.max(latest, Long.parseLong(name.group(2)));
            }
        }
        return latest;
    }

    /** The marker file for {@code synced} in {@code folder}, named as Ratis names snapshot files. */
    static File fileFor(Path folder, TermIndex synced) {
        return folder.resolve(SimpleStateMachineStorage.getSnapshotFileName(synced.getTerm(), synced.getIndex())).toFile();
    }

    private static List<Path> markers(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(path -> SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(
                    path.getFileName().toString()).matches()).toList();
        }
    }

    /** Checks every marker in {@code folder} and writes again the damaged ones; answers how many. */
    static int repairDamaged(Path folder) throws IOException {
        int repaired = 0;
        for (Path marker : markers(folder)) {
            Matcher name = SimpleStateMachineStorage.SNAPSHOT_REGEX.matcher(marker.getFileName().toString());
            if (name.matches()) {
                TermIndex synced = TermIndex.valueOf(Long.parseLong(name.group(1)), Long.parseLong(name.group(2)));
                if (!intact(marker, synced)) {
                    LOG.warn("the Raft snapshot marker {} (or its MD5 file) is damaged: written again from its name", marker);
                    write(marker.toFile(), synced);
                    repaired++;
                }
            }
        }
        return repaired;
    }

    private static boolean intact(Path marker, TermIndex synced) {
        try {
            if (!Files.readString(marker, StandardCharsets.UTF_8).equals(content(synced))) {
                return false;
            }
            MD5Hash stored = MD5FileUtil.readStoredMd5ForFile(marker.toFile());
            return stored != null && stored.equals(MD5FileUtil.computeMd5ForFile(marker.toFile()));
        } catch (IOException | RuntimeException e) {
            // unreadable text, a malformed or missing MD5 file
            return false;
        }
    }

    private static String content(TermIndex synced) {
        return "xodus synced at term " + synced.getTerm() + " index " + synced.getIndex() + "\n";
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
