package org.jesdb.store.snapshots;

import org.jesdb.store.StoreException;

/** No snapshot is stored under that source, stream and version ("latest" when any version was asked for). */
public class SnapshotNotFoundException extends StoreException {
    private final String source;
    private final String stream;
    private final String version;

    public SnapshotNotFoundException(String source, String stream, String version) {
        super("no snapshot of stream '" + stream + "' by source '" + source + "' at version " + version);
        this.source = source;
        this.stream = stream;
        this.version = version;
    }

    public String source() {
        return source;
    }

    public String stream() {
        return stream;
    }

    public String version() {
        return version;
    }
}
