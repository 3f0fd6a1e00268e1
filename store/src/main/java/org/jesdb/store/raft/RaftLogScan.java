package org.jesdb.store.raft;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.ratis.io.CorruptedFileException;
import org.apache.ratis.protocol.exceptions.ChecksumException;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.raftlog.segmented.LogSegment;
import org.apache.ratis.server.raftlog.segmented.LogSegmentPath;
import org.apache.ratis.server.raftlog.segmented.SegmentedRaftLogFormat;
import org.apache.ratis.thirdparty.com.google.protobuf.CodedInputStream;
import org.apache.ratis.thirdparty.com.google.protobuf.CodedOutputStream;
import org.apache.ratis.util.SizeInBytes;

/**
 * Reads the Raft log's segment files without Ratis: to find where the log ends before Ratis
 * loads it, and to name the segment that failed its checks (Ratis checks every entry's CRC
 * when it loads the log, and fails without naming the file).
 */
final class RaftLogScan {
    private static final String OPEN_PREFIX = "log_inprogress_";
    /** Disks write whole sectors: a write cut short leaves whole sectors of the preallocated zeros. */
    private static final int SECTOR = 512;
    /** Each entry on disk: a varint length, the entry, a 4-byte CRC. */
    private static final int CRC_BYTES = 4;

    private RaftLogScan() {
    }

    /** Whether {@code failure} (a failed start) comes from a damaged log file. */
    static boolean isDamage(Throwable failure) {
        return damageOf(failure) != null;
    }

    /** What Ratis said of the damage behind {@code failure}, or null when it is not damage. */
    static String damageOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ChecksumException || cause instanceof CorruptedFileException) {
                return cause.getMessage();
            }
        }
        return null;
    }

    /**
     * The index of the last entry the segments under {@code logDir} hold, or -1 when they hold
     * none (or there are none). A torn entry at the end of the open segment (a cut-off end) does
     * not count; an entry that fails its checksum throws, since entries after it may be whole.
     */
    static long lastIndex(Path logDir, long maxEntryBytes) throws IOException {
        long last = -1;
        for (Path segment : segments(logDir)) {
            if (isOpen(segment)) {
                // the open segment's name has only its first index: count what it holds
                int entries = LogSegment.readSegmentFile(segment.toFile(), LogSegmentPath.matchLogSegment(segment).getStartEnd(),
                        SizeInBytes.valueOf(maxEntryBytes), RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION, null, null);
                if (entries > 0) {
                    last = Math.max(last, namedIndex(segment) + entries - 1);
                }
            } else {
                last = Math.max(last, namedIndex(segment));
            }
        }
        return last;
    }

    private static boolean isOpen(Path segment) {
        return segment.getFileName().toString().startsWith(OPEN_PREFIX);
    }

    /** The index a segment's name holds: an open segment's first (log_inprogress_<first>), a closed one's last (log_<first>-<last>). */
    private static long namedIndex(Path segment) {
        String name = segment.getFileName().toString();
        return isOpen(segment) ? leadingNumber(name.substring(OPEN_PREFIX.length()))
                : leadingNumber(name.substring(name.indexOf('-') + 1));
    }

    /** The number a segment name part starts with (Ratis may add a suffix after a dot). */
    private static long leadingNumber(String text) {
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return Long.parseLong(text.substring(0, end));
    }

    /**
     * The highest index the segment names under {@code logDir} vouch for, without reading them: a
     * closed segment's last index, an open segment's first. A lower bound of where the log ends,
     * also when a segment is damaged.
     */
    static long lastNamedIndex(Path logDir) throws IOException {
        long last = -1;
        for (Path segment : segments(logDir)) {
            last = Math.max(last, namedIndex(segment));
        }
        return last;
    }

    /** Moves every segment under {@code logDir} into {@code folder}. */
    static void moveAll(Path logDir, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Path segment : segments(logDir)) {
            Files.move(segment, folder.resolve(segment.getFileName()));
        }
    }

    private static List<Path> segments(Path logDir) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(path -> LogSegmentPath.matchLogSegment(path) != null).sorted().toList();
        }
    }

    /** The first segment under {@code logDir} that cannot be read whole, if any. */
    static Optional<Path> damagedSegment(Path logDir, long maxEntryBytes) throws IOException {
        for (Path segment : segments(logDir)) {
            try {
                LogSegment.readSegmentFile(segment.toFile(), LogSegmentPath.matchLogSegment(segment).getStartEnd(),
                        SizeInBytes.valueOf(maxEntryBytes), RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION, null, null);
            } catch (IOException | RuntimeException e) {
                return Optional.of(segment);
            }
        }
        return Optional.empty();
    }

    /**
     * Cuts a torn last entry off the open segment under {@code logDir} and says what it cut; empty
     * when the log ends whole. Ratis preallocates its open segment with zeros, so a write the power
     * cut short leaves an entry whose bytes stop, at a sector boundary, inside it, with only zeros
     * from there to the end of the file: its checksum fails. Ratis itself drops a partly written last
     * entry where the file simply ends, since it was never synced and so never acknowledged; a
     * zero-filled end is the same thing and is cut the same way. An entry that fails its checksum
     * with its bytes present to its end, or with any data after it, or at or below {@code committed}
     * (the index the node's state holds, which was synced), is damage and is left alone.
     */
    static Optional<String> cutTornEnd(Path logDir, long maxEntryBytes, long committed) throws IOException {
        List<Path> all = segments(logDir);
        if (all.isEmpty() || !isOpen(all.get(all.size() - 1))) {
            return Optional.empty();
        }
        Path open = all.get(all.size() - 1);
        long[] whole = {SegmentedRaftLogFormat.getHeaderLength(), 0};
        try {
            LogSegment.readSegmentFile(open.toFile(), LogSegmentPath.matchLogSegment(open).getStartEnd(),
                    SizeInBytes.valueOf(maxEntryBytes), RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION, null, entry -> {
                        int size = entry.getSerializedSize();
                        whole[0] += CodedOutputStream.computeUInt32SizeNoTag(size) + size + CRC_BYTES;
                        whole[1]++;
                    });
            return Optional.empty();
        } catch (ChecksumException e) {
            long index = namedIndex(open) + whole[1];
            // an entry the state already holds was committed, so synced: failing its checks, it is damage
            return index <= committed ? Optional.empty() : cutIfTorn(open, whole[0], index);
        } catch (IOException | RuntimeException otherDamage) {
            // a damaged header, data after the end mark...: Ratis meets it and it is reported as damage
            return Optional.empty();
        }
    }

    /** Cuts {@code segment} at {@code entryStart} when the entry there is torn (see cutTornEnd). */
    private static Optional<String> cutIfTorn(Path segment, long entryStart, long index) throws IOException {
        byte[] tail;
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size() - entryStart));
            while (buffer.hasRemaining() && channel.read(buffer, entryStart + buffer.position()) >= 0) {
                // read the whole tail
            }
            tail = buffer.array();
        }
        long entryBytes;
        try {
            CodedInputStream lengthField = CodedInputStream.newInstance(tail);
            long length = Integer.toUnsignedLong(lengthField.readRawVarint32());
            entryBytes = lengthField.getTotalBytesRead() + length + CRC_BYTES;
        } catch (IOException badLength) {
            return Optional.empty();
        }
        int lastData = tail.length - 1;
        while (lastData >= 0 && tail[lastData] == 0) {
            lastData--;
        }
        // where the zeros begin, at a sector of the file; the whole CRC at least must be zeros
        long zerosFrom = (entryStart + lastData + 1 + SECTOR - 1) / SECTOR * SECTOR - entryStart;
        if (zerosFrom <= 0 || zerosFrom > entryBytes - CRC_BYTES) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.truncate(entryStart);
            channel.force(true);
        }
        return Optional.of("cut a torn last entry (index " + index + ", written up to byte " + zerosFrom + " of "
                + entryBytes + ", zeros after it) off " + segment + "; a write the power cut short is never acknowledged");
    }
}
