package org.jesdb.cli;

import java.io.InputStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr, or nothing when it is not wanted, so that the commands do not
 * branch on it. Drawn by me.tongfei:progressbar in plain ASCII (any terminal, any log).
 */
final class Progress implements AutoCloseable {
    /** Null when hidden. */
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar counting {@code total} steps. */
    static Progress counting(String task, long total, boolean shown) {
        return new Progress(shown ? builder(task).setInitialMax(total).showSpeed().build() : null);
    }

    /** {@code in}, moving a bar by the bytes read from it (of {@code size}, or -1 when unknown); closing it ends the bar. */
    static InputStream readingBytes(InputStream in, String task, long size, boolean shown) {
        if (!shown) {
            return in;
        }
        ProgressBarBuilder bar = builder(task).setInitialMax(size);
        // In MiB a small file would read 0/0 all along.
        return ProgressBar.wrap(in, size < 10L << 20 ? bar.setUnit(" KiB", 1 << 10) : bar.setUnit(" MiB", 1 << 20));
    }

    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private static ProgressBarBuilder builder(String task) {
        return new ProgressBarBuilder().setTaskName(task).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err));
    }
}
