package org.jesdb.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: the generated private key and its password. On a file system
 * without POSIX permissions (Windows) they get the folder's default access.
 */
final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    static void createFolder(Path folder) throws IOException {
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
        restrict(next);
        Files.writeString(next, text);
        moveAtomically(next, target);
    }

    static void moveAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
