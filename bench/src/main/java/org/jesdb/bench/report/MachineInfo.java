package org.jesdb.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jesdb.bench.host.ExternalCommand;

/** The facts about the machine and the code that a figure is meaningless without. */
public final class MachineInfo {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);

    private MachineInfo() {
    }

    public static List<String> describe(Path dataFolder) {
        List<String> lines = new ArrayList<>();
        lines.add("CPUs (nproc): " + Runtime.getRuntime().availableProcessors());
        lines.add("memory: " + memory());
        ExternalCommand.Result df = ExternalCommand.run(List.of("df", "-h", dataFolder.toString()), COMMAND_TIMEOUT);
        lines.add("disk (`df -h` of the data folder): " + (df.ok()
                ? "`" + lastLine(df.output()) + "` (filesystem, size, used, available, use, mounted on)" : "unknown"));
        lines.add("Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        return lines;
    }

    /** The short commit of {@code repo}'s HEAD, or "unknown". */
    public static String commit(Path repo) {
        ExternalCommand.Result head = ExternalCommand.run(List.of("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD"),
                COMMAND_TIMEOUT);
        return head.ok() ? head.output().strip() : "unknown";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return String.format(Locale.ROOT, "unknown (this JVM may use up to %.1f GiB)",
                Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0 / 1024.0);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1].replaceAll("\\s+", " ");
    }
}
