package org.jesdb.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: the generated private key and its password. On a file system
 * without POSIX permissions (Windows) they get the folder's default access. Each is synced before
 * it is moved into place, and the folder after, so that a power loss leaves the old set or the
 * new one, never a keystore beside an empty password file.
 */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /** The folder, owner-only; and its parent (the data folder) owner-only too if it is made here, as the store makes it. */
    static void createFolder(Path folder) throws IOException {
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            restrict(parent, OWNER_FOLDER);
        }
        Files.createDirectories(folder);
        restrict(folder, OWNER_FOLDER);
    }

    static void restrict(Path file) throws IOException {
        restrict(file, OWNER_FILE);
    }

    /** Writes {@code text} to a new file beside {@code target} and moves it over it in one step, so a crash leaves old or new, never half. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path next = target.resolveSibling(target.getFileName() + ".new");
        Files.deleteIfExists(next);
        Files.createFile(next);
        // owner-only before a byte is written
        restrict(next);
        Files.writeString(next, text);
        moveAtomically(next, target);
    }

    /** Syncs {@code from}, moves it over {@code to} in one step, and syncs the folder that now names it. */
    static void moveAtomically(Path from, Path to) throws IOException {
        try (FileChannel file = FileChannel.open(from, StandardOpenOption.WRITE)) {
            file.force(true);
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncFolder(to.toAbsolutePath().getParent());
    }

    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notOnThisSystem) {
            // Windows cannot open a folder to sync it; its moves are durable once they return
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
