package org.jesdb.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Damages a stopped node's files the way disks do: a flipped bit, a cut-off end. */
final class FileDamage {
    private FileDamage() {
    }

    /** The files under {@code folder} (at any depth) whose names pass {@code named}, sorted. */
    static List<Path> files(Path folder, Predicate<String> named) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).filter(path -> named.test(path.getFileName().toString())).sorted().toList();
        }
    }

    /**
     * Flips one bit in the middle of every copy of {@code text} in {@code files}; answers the
     * files changed. Fails the test if none holds it.
     */
    static List<Path> flipBitIn(List<Path> files, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> changed = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            boolean hit = false;
            for (int at = indexOf(bytes, needle, 0); at >= 0; at = indexOf(bytes, needle, at + needle.length)) {
                bytes[at + needle.length / 2] ^= 0x04;
                hit = true;
            }
            if (hit) {
                Files.write(file, bytes);
                changed.add(file);
            }
        }
        if (changed.isEmpty()) {
            throw new AssertionError("no file of " + files + " holds '" + text + "'");
        }
        return changed;
    }

    /** Flips one bit of the byte at {@code offset}. */
    static void flipBitAt(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0x10);
        }
    }

    /** Cuts {@code bytes} off the end of {@code file}. */
    static void cutEnd(Path file, long bytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(Math.max(0, raf.length() - bytes));
        }
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
