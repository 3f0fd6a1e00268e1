package org.jesdb.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line handed to Payara Micro: the user's, with an HTTPS port added when none is
 * given. The default is the HTTP port + 363 (8443 for 8080), so that several nodes on one host,
 * each with its own {@code --port}, also get HTTPS ports of their own.
 */
final class PayaraArguments {
    static final int DEFAULT_HTTP_PORT = 8080;
    static final int HTTPS_PORT_OFFSET = 8443 - DEFAULT_HTTP_PORT;

    private PayaraArguments() {
    }

    static List<String> withHttpsPort(List<String> args) {
        if (lastIndexOf(args, "--sslport") >= 0 || lastIndexOf(args, "--autobindssl") >= 0) {
            return List.copyOf(args);
        }
        List<String> withPort = new ArrayList<>(args);
        withPort.add("--sslport");
        withPort.add(Integer.toString(httpPort(args) + HTTPS_PORT_OFFSET));
        return List.copyOf(withPort);
    }

    /**
     * The file of {@code --systemproperties}, whose properties Payara makes system properties as
     * it boots: the launcher reads its JESDB settings from there too, so that the certificate lands
     * in the data folder the store will use.
     */
    static Optional<Path> systemPropertiesFile(List<String> args) {
        int at = lastIndexOf(args, "--systemproperties");
        return at >= 0 && at + 1 < args.size() ? Optional.of(Path.of(args.get(at + 1))) : Optional.empty();
    }

    /** The HTTPS port Payara will be told, for the log. */
    static String httpsPort(List<String> args) {
        int at = lastIndexOf(args, "--sslport");
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : "auto";
    }

    /** Payara Micro takes its options in any case ({@code --sslPort}, as its documentation spells it). */
    private static int lastIndexOf(List<String> args, String option) {
        for (int i = args.size() - 1; i >= 0; i--) {
            if (args.get(i).equalsIgnoreCase(option)) {
                return i;
            }
        }
        return -1;
    }

    private static int httpPort(List<String> args) {
        int at = lastIndexOf(args, "--port");
        if (at < 0 || at + 1 >= args.size()) {
            return DEFAULT_HTTP_PORT;
        }
        try {
            int port = Integer.parseInt(args.get(at + 1));
            if (port >= 1 && port + HTTPS_PORT_OFFSET <= 65_535) {
                return port;
            }
        } catch (NumberFormatException leftToPayara) {
            // Payara reports a wrong --port in its own words
        }
        throw new TlsSetupException("--port " + args.get(at + 1) + " leaves no default HTTPS port (--port + "
                + HTTPS_PORT_OFFSET + " must be at most 65535); give --sslport too");
    }
}
