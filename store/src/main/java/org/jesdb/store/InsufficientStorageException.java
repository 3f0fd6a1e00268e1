package org.jesdb.store;

/**
 * A write was refused because the data folder's file system has less free space than the node
 * keeps in reserve. Nothing was written; reads go on, and writes are taken again once space is
 * freed.
 */
public class InsufficientStorageException extends StoreException {
    private final long freeBytes;
    private final long requiredBytes;

    public InsufficientStorageException(long freeBytes, long requiredBytes) {
        super("the data folder's file system has " + freeBytes + " bytes free, less than the " + requiredBytes
                + " this node keeps in reserve (JESDB_MIN_FREE_DISK_BYTES): free space, then write again");
        this.freeBytes = freeBytes;
        this.requiredBytes = requiredBytes;
    }

    public long freeBytes() {
        return freeBytes;
    }

    public long requiredBytes() {
        return requiredBytes;
    }
}
