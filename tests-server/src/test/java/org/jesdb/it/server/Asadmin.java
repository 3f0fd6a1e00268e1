package org.jesdb.it.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Payara Server's asadmin as an operator would, failing with its output when a command fails. */
final class Asadmin {
    private static final long TIMEOUT_MINUTES = 5;

    private final Path payaraHome;
    private final Path log;

    Asadmin(Path payaraHome, Path log) {
        this.payaraHome = payaraHome;
        this.log = log;
    }

    /** Runs {@code asadmin --interactive=false <options and command>} and returns what it printed. */
    String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(payaraHome.resolve("bin/asadmin").toString(), "--interactive=false"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(log.getParent(), "asadmin", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " did not end in " + TIMEOUT_MINUTES + " min");
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        Files.writeString(log, "$ asadmin " + String.join(" ", arguments) + "\n" + printed, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Files.delete(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("asadmin " + String.join(" ", arguments) + " failed (" + process.exitValue()
                    + "):\n" + printed);
        }
        return printed;
    }
}
