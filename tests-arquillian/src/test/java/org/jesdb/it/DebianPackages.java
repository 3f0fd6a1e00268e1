package org.jesdb.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Installs the Debian packages a test needs (as root, with apt-get) when they are missing, so
 * that a fresh machine needs nothing installed by hand; and runs the system commands tests need.
 */
public final class DebianPackages {
    private DebianPackages() {
    }

    /** Installs {@code packages}; refreshes the package index once if the first try fails. */
    public static void install(String... packages) throws IOException, InterruptedException {
        List<String> install = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        install.addAll(List.of(packages));
        String what = "installing " + String.join(" ", packages) + " (apt-get)";
        try {
            run(install, what);
        } catch (IOException staleIndex) {
            run(List.of("apt-get", "update", "-q"), "apt-get update");
            run(install, what);
        }
    }

    /** Runs {@code command} to its end (at most 10 minutes); fails with its output, saying {@code what} failed. */
    public static void run(List<String> command, String what) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(what + " failed: " + out);
        }
    }
}
