package org.jesdb.cli;

import org.jesdb.client.EventData;

/** One line of an export: the event to append again, and where it was (its stream and version, and the line it is on). */
record ExportedEvent(String stream, long version, long line, EventData event) {
}
