package org.jesdb.it.clock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A JVM that answers each line on its standard input with its wall clock (epoch milliseconds)
 * and its monotonic clock (nanoseconds), for {@link ClockSkewIT} to compare with its own.
 */
public final class PrintClocks {
    private PrintClocks() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            System.out.println(System.currentTimeMillis() + " " + System.nanoTime());
            System.out.flush();
        }
    }
}
