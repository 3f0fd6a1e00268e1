package org.jesdb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes lines of JSON, and stops a long read or export when its reader went away
 * ({@code jesdb export | head}): a PrintWriter such as stdout hides that, and the command would
 * read the whole store for nobody.
 */
final class LineWriter {
    /** Lines between checks of stdout: a check flushes it. */
    private static final int CHECK_EVERY = 1000;

    private final Writer out;
    private long lines;

    LineWriter(Writer out) {
        this.out = out;
    }

    void line(String text) {
        try {
            out.write(text);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write: " + e.getMessage(), e);
        }
        if (++lines % CHECK_EVERY == 0 && out instanceof PrintWriter printer && printer.checkError()) {
            throw new UncheckedIOException("the output was closed", new IOException("closed"));
        }
    }

    long lines() {
        return lines;
    }
}
