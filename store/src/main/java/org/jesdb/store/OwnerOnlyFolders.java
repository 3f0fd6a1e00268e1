package org.jesdb.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store's folder is its owner's alone: it holds the users' password hashes and the key that
 * signs their tokens, so another account on the host that could read it could sign in as an
 * admin. The data folder is made owner-only when the store makes it; a folder of the operator's
 * (a mount point) is left as it is. A store's own folder is made owner-only whatever it was.
 */
final class OwnerOnlyFolders {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFolders.class);
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFolders() {
    }

    /** Makes {@code dataDir} (owner-only if new) and {@code home} in it, owner-only. */
    static void secure(Path dataDir, Path home) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // no POSIX permissions to set (the folder's ACLs are the operator's)
        }
        createOwnerOnly(dataDir);
        if (!createOwnerOnly(home)) {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(home);
            if (!now.equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(home, OWNER_ONLY);
                LOG.warn("store folder {} was {}: it is now rwx------ (it holds password hashes and the token key)",
                        home, PosixFilePermissions.toString(now));
            }
        }
    }

    /** Creates the folder owner-only; false when it was there already. */
    private static boolean createOwnerOnly(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return false;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        // The umask may have taken bits away, never added any; set them exactly anyway.
        Files.setPosixFilePermissions(folder, OWNER_ONLY);
        return true;
    }
}
