package org.jesdb.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command reads from: the file it was given, or stdin, which stays open (it is not the command's to close). */
final class Input {
    private Input() {
    }

    static InputStream open(Path file) throws IOException {
        if (file != null) {
            return Files.newInputStream(file);
        }
        return new FilterInputStream(System.in) {
            @Override
            public void close() {
                // stdin belongs to the process
            }
        };
    }

    /** Lines of JSON are UTF-8 (RFC 8259), whatever the platform's default. */
    static BufferedReader lines(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
