package org.jesdb.it.lazyfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jesdb.it.DebianPackages;

/**
 * The power-loss file system of {@code src/test/c/lazyfs.c}: data written to it stays in its
 * process's memory until fsynced, so killing that process drops every write not yet synced, as
 * a power cut does. {@link #crash()} is the power cut; {@link #mount()} brings the folder back
 * with what was synced.
 *
 * <p>The program is built here with gcc against libfuse3. When libfuse3's headers are missing,
 * Debian's {@code fuse3}, {@code libfuse3-dev} and {@code pkg-config} are installed first (as
 * root, with apt-get), so a fresh machine needs nothing by hand.
 */
public final class LazyFs implements AutoCloseable {
    private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(10);

    private final Path program;
    private final Path backing;
    private final Path mountPoint;
    private final Path log;
    private Process process;

    private LazyFs(Path program, Path backing, Path mountPoint, Path log) {
        this.program = program;
        this.backing = backing;
        this.mountPoint = mountPoint;
        this.log = log;
    }

    /** Builds the program if needed and mounts {@code folder}/backing at {@code folder}/mnt. */
    public static LazyFs mountIn(Path folder) throws IOException, InterruptedException {
        Path program = build();
        Files.createDirectories(folder.resolve("backing"));
        Files.createDirectories(folder.resolve("mnt"));
        LazyFs fs = new LazyFs(program, folder.resolve("backing"), folder.resolve("mnt"), folder.resolve("lazyfs.log"));
        fs.mount();
        return fs;
    }

    /** Whether this machine can mount a FUSE file system at all. */
    public static boolean fuseAvailable() {
        return Files.exists(Path.of("/dev/fuse"));
    }

    /** Where the test puts the data folder. */
    public Path mountPoint() {
        return mountPoint;
    }

    /** Starts the program on the backing folder and waits until the mount is there. */
    public void mount() throws IOException, InterruptedException {
        process = new ProcessBuilder(program.toString(), backing.toString(), mountPoint.toString(), "-f")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + MOUNT_TIMEOUT.toNanos();
        while (!mounted()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("lazyfs did not mount " + mountPoint + "; its log:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** The power cut: SIGKILL to the program (its unsynced data dies with it), then the dead mount is taken away. */
    public void crash() throws IOException, InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        unmount();
    }

    private void unmount() throws IOException, InterruptedException {
        if (!mounted()) {
            return;
        }
        DebianPackages.run(List.of("umount", "-l", mountPoint.toString()), "unmounting " + mountPoint);
    }

    private boolean mounted() throws IOException {
        String target = " " + mountPoint.toAbsolutePath() + " ";
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(line -> line.contains(target));
    }

    /** Unmounts cleanly: the program ends and nothing is dropped that was synced. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            unmount();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    /** Compiles lazyfs.c into the test folder unless a build newer than the source is there. */
    private static synchronized Path build() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("jesdb.lazyfs.source"));
        Path program = Path.of(System.getProperty("jesdb.it.dir"), "lazyfs", "lazyfs");
        if (Files.exists(program) && Files.getLastModifiedTime(program).compareTo(Files.getLastModifiedTime(source)) > 0) {
            return program;
        }
        Files.createDirectories(program.getParent());
        if (!succeeds(List.of("pkg-config", "--exists", "fuse3"))) {
            DebianPackages.install("fuse3", "libfuse3-dev", "pkg-config");
        }
        List<String> compile = new ArrayList<>(List.of("gcc", "-Wall", "-Wextra", "-Werror", "-O2", "-o", program.toString(),
                source.toString()));
        compile.addAll(List.of(output(List.of("pkg-config", "--cflags", "--libs", "fuse3")).trim().split("\\s+")));
        DebianPackages.run(compile, "compiling " + source);
        return program;
    }

    private static boolean succeeds(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    private static String output(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
