package org.jesdb.client;

/** Where an append's events went: their versions in the stream and positions in {@code $all}. */
public record AppendResult(String stream, long firstVersion, long lastVersion, long firstPosition, long lastPosition) {
}
