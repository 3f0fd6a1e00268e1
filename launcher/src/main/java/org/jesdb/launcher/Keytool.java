package org.jesdb.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code keytool}, run as a process: it makes the key pair and the self-signed
 * certificate, so JESDB holds no certificate-building code of its own (the JDK has no public API
 * for it).
 */
final class Keytool {
    /** keytool takes about a second; a minute means something is wrong with the machine. */
    private static final long TIMEOUT_SECONDS = 60;
    private static final String PASSWORD_VARIABLE = "JESDB_KEYTOOL_STOREPASS";

    private final Path executable;

    Keytool(Path javaHome) {
        this.executable = javaHome.resolve("bin").resolve(isWindows() ? "keytool.exe" : "keytool");
    }

    /**
     * Writes a new PKCS12 file holding an EC P-256 key {@code alias} and a self-signed certificate
     * for {@code subject}, valid {@code days} days, whose subject alternative names are
     * {@code sanExtension} (keytool's syntax: {@code dns:localhost,ip:127.0.0.1}).
     */
    void generateKeyPair(Path file, String password, String alias, String subject, String sanExtension, int days) {
        if (!Files.isExecutable(executable)) {
            throw new TlsSetupException("cannot generate the HTTPS certificate: no " + executable + " in this Java "
                    + "(use a JDK or a JRE with keytool, or supply a certificate with " + TlsSettings.KEYSTORE.variable()
                    + ")");
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-genkeypair", "-noprompt",
                "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", Integer.toString(days), "-dname", subject, "-ext", "SAN=" + sanExtension,
                "-ext", "EKU=serverAuth", "-storetype", "PKCS12", "-keystore", file.toString(),
                // from the environment, so that the password is not on a command line others can list
                "-storepass:env", PASSWORD_VARIABLE));
        run(command, password);
    }

    private static void run(List<String> command, String password) {
        Path output = null;
        try {
            // keytool's words go to a file, so that waiting for it can time out (a pipe read would block)
            output = Files.createTempFile("jesdb-keytool", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put(PASSWORD_VARIABLE, password);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new TlsSetupException("keytool did not finish within " + TIMEOUT_SECONDS + " s: " + command.get(0));
            }
            if (process.exitValue() != 0) {
                throw new TlsSetupException("keytool failed to generate the HTTPS certificate (exit " + process.exitValue()
                        + "): " + Files.readString(output, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new TlsSetupException("cannot run " + command.get(0) + " to generate the HTTPS certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TlsSetupException("interrupted while generating the HTTPS certificate", e);
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException leftInTmp) {
            // a leftover log in the temporary folder holds no secret: keytool never prints the password
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
