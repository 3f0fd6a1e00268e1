package org.jesdb.ejb.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The first admin's password of a single node started without JESDB_ADMIN_PASSWORD: made once,
 * at random, and kept in a file of the data folder that only the node's user may read, so that
 * the README's first command gives a node that is secure and still usable. The file is written
 * before the admin is created, so a crash between the two finds the same password on the next
 * start; nothing reads it once the store has its admin (changing the password over the API does
 * not touch the file: delete it once read).
 */
public final class InitialAdminPassword {
    static final String FILE_NAME = "initial-admin-password";
    /** 18 random bytes: 144 bits, 24 characters of URL-safe base64. */
    private static final int RANDOM_BYTES = 18;
    private static final SecureRandom RANDOM = new SecureRandom();

    private InitialAdminPassword() {
    }

    /** Where a node with data in {@code dataDir} keeps it. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** The password in {@code dataDir}'s file, made there first if there is none. */
    public static String readOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.length() < SecuritySettings.MIN_ADMIN_PASSWORD) {
                throw new IllegalStateException(file + " holds no usable password (at least "
                        + SecuritySettings.MIN_ADMIN_PASSWORD + " characters): delete it, or set JESDB_ADMIN_PASSWORD");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the first admin's password in " + file
                    + ": make the data folder writable, or set JESDB_ADMIN_PASSWORD", e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            ownerOnly(temporary);
            Files.writeString(temporary, newPassword() + "\n", StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            moveIntoPlace(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Owner read and write only, where the file system knows POSIX permissions. */
    private static void ownerOnly(Path path) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notAtomic) {
            try {
                Files.move(temporary, file);
            } catch (FileAlreadyExistsException raced) {
                // another start made it first: that one is the password
            }
        }
    }

    static String newPassword() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
