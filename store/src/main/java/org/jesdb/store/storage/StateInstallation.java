package org.jesdb.store.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jesdb.store.CorruptDataException;

/**
 * Puts a Xodus environment received from another member in place of this one's, so that a
 * crash at any moment leaves either the old or the new environment, whole.
 *
 * <p>The new one is unpacked and synced beside the live folder ({@code xodus.installing}); the
 * swap is two renames, {@code xodus → xodus.old} and {@code xodus.installing → xodus}.
 * {@link #recover} finishes or undoes a swap that a crash interrupted.
 */
public final class StateInstallation {
    private static final String INSTALLING = ".installing";
    private static final String OLD = ".old";
    /** Xodus names its files like 00000000000.xd; nothing else belongs in an environment folder. */
    private static final int MAX_ENTRY_NAME = 64;
    /** Xodus files are 8 MiB by default: this is far more than any store needs, and bounds a hostile archive. */
    private static final int MAX_ENTRIES = 1_000_000;

    private StateInstallation() {
    }

    /** The folder beside {@code live} where a received environment is unpacked. */
    public static Path stagingFolder(Path live) {
        return live.resolveSibling(live.getFileName() + INSTALLING);
    }

    /**
     * Unpacks a zip made by {@link XodusStorage#backup} into the staging folder beside {@code live}
     * and syncs every file. Entry names are checked: a flat list of file names, nothing that
     * climbs out of the folder, at most {@code maxBytes} unpacked in all.
     */
    public static Path unpack(Path zip, Path live, long maxBytes) throws IOException {
        Path staging = stagingFolder(live);
        deleteTree(staging);
        Files.createDirectories(staging);
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw new CorruptDataException("a received state holds more than " + MAX_ENTRIES + " files");
                }
                String name = entry.getName();
                if (entry.isDirectory() || name.isEmpty() || name.length() > MAX_ENTRY_NAME || name.contains("/")
                        || name.contains("\\") || name.startsWith(".")) {
                    throw new CorruptDataException("a received state holds an unexpected entry '" + name + "'");
                }
                Path file = staging.resolve(name);
                total += copy(in, file, maxBytes - total);
            }
        }
        syncFiles(staging);
        return staging;
    }

    private static long copy(InputStream in, Path file, long allowed) throws IOException {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > allowed) {
                    throw new CorruptDataException("a received state unpacks to more than the space allowed for it");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }

    /** Swaps the unpacked environment in; the caller has closed the live one. */
    public static void swapIn(Path live, Path staging) throws IOException {
        Path old = live.resolveSibling(live.getFileName() + OLD);
        deleteTree(old);
        if (Files.exists(live)) {
            Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Put the old one back, so that the live folder is never missing.
            Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
            throw e;
        }
        syncDirectory(live.getParent());
        deleteTree(old);
    }

    /**
     * Finishes a swap a crash interrupted: with no live folder, the staging folder (complete
     * before the first rename) becomes it, or else the old one comes back. Leftovers go.
     */
    static void recover(Path live) {
        try {
            Path staging = stagingFolder(live);
            Path old = live.resolveSibling(live.getFileName() + OLD);
            if (!Files.exists(live)) {
                if (Files.exists(staging) && Files.exists(old)) {
                    Files.move(staging, live, StandardCopyOption.ATOMIC_MOVE);
                } else if (Files.exists(old)) {
                    Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            deleteTree(staging);
            deleteTree(old);
        } catch (IOException e) {
            throw new CorruptDataException("cannot finish installing a received state in " + live + ": " + e.getMessage());
        }
    }

    /** Syncs every file of {@code folder}, then the folder itself. */
    private static void syncFiles(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        }
        syncDirectory(folder);
    }

    /** Makes the folder's entries (renames, new files) durable. */
    public static void syncDirectory(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
