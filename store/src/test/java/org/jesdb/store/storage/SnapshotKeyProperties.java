package org.jesdb.store.storage;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** The stream of a snapshot key is read back from the key alone, so a hidden snapshot need not be decoded. */
class SnapshotKeyProperties {

    @Property
    void theStreamOfASnapshotKeyIsTheOneItWasMadeWith(
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '\uD7FF') String source,
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '\uD7FF') String stream,
            @ForAll long version) {
        byte[] key = XodusStorage.copy(Keys.snapshot(source, stream, version));

        assertThat(Keys.snapshotStream(key)).isEqualTo(stream);
    }
}
