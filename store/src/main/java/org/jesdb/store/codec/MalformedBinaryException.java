package org.jesdb.store.codec;

import org.jesdb.store.CorruptDataException;

/** Bytes that are not a valid encoding of what they were read as. */
public class MalformedBinaryException extends CorruptDataException {
    public MalformedBinaryException(String message) {
        super(message);
    }
}
