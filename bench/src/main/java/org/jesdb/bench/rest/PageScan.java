package org.jesdb.bench.rest;

import java.nio.charset.StandardCharsets;
import org.jesdb.bench.targets.Page;

/**
 * Reads what the benchmark needs from a read page's JSON without building the events: how many
 * there are (one {@code "position"} member each) and the {@code next} member. The client thus
 * receives every byte but spends little CPU, which it shares with the server.
 */
final class PageScan {
    private static final byte[] POSITION = "\"position\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT = "\"next\":".getBytes(StandardCharsets.US_ASCII);

    private PageScan() {
    }

    static Page of(byte[] body) {
        int events = 0;
        int at = 0;
        while ((at = indexOf(body, POSITION, at)) >= 0) {
            events++;
            at += POSITION.length;
        }
        int next = lastIndexOf(body, NEXT);
        if (next < 0) {
            throw new IllegalArgumentException("no \"next\" member in the page: "
                    + new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
        }
        int start = next + NEXT.length;
        while (start < body.length && body[start] == ' ') {
            start++;
        }
        if (start + 4 <= body.length && body[start] == 'n') {
            return new Page(events, null);
        }
        long value = 0;
        int end = start;
        while (end < body.length && body[end] >= '0' && body[end] <= '9') {
            value = value * 10 + (body[end] - '0');
            end++;
        }
        if (end == start) {
            throw new IllegalArgumentException("\"next\" is neither a number nor null");
        }
        return new Page(events, value);
    }

    private static int indexOf(byte[] body, byte[] token, int from) {
        outer:
        for (int i = from; i <= body.length - token.length; i++) {
            for (int j = 0; j < token.length; j++) {
                if (body[i + j] != token[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] body, byte[] token) {
        outer:
        for (int i = body.length - token.length; i >= 0; i--) {
            for (int j = 0; j < token.length; j++) {
                if (body[i + j] != token[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
