package org.jesdb.cli;

import java.io.PrintWriter;

/**
 * How the list commands page: without {@code --limit} every page, one after another; with it one
 * page, and where to go on is told on stderr. A page filtered by the access rules may be empty
 * while the list goes on, so only a null {@code next} ends it.
 */
final class Paging {
    /** The page size while listing everything. */
    static final int PAGE = 1_000;

    /** Prints one page that starts after {@code after} and holds at most {@code limit}; returns its {@code next}. */
    interface Page {
        String print(String after, int limit);
    }

    private Paging() {
    }

    static void list(String after, Integer limit, PrintWriter err, Page page) {
        String next = after;
        do {
            next = page.print(next, limit == null ? PAGE : limit);
            if (limit != null && next != null) {
                // quoted: a sealed next starts with $, which a shell would expand
                err.println("(more: --after '" + next + "')");
            }
        } while (limit == null && next != null);
    }
}
