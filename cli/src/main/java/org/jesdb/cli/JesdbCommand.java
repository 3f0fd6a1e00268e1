package org.jesdb.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jesdb.client.JesdbClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code jesdb}: the store from a shell, on top of the Java client. Holds what every subcommand
 * shares (where the nodes are, which store, how long a call may take) and builds the one client
 * a run uses. Exit codes: 0 done, 1 the store or the input said no, 2 a usage error.
 */
// INHERIT: every subcommand takes --help (and --version) too
@Command(name = "jesdb", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = JesdbCommand.Version.class,
        description = "Reads and writes a JESDB event store.",
        modelTransformer = ErrorReporter.Installer.class,
        subcommands = {AppendCommand.class, ReadCommand.class, StreamsCommand.class, SnapshotCommand.class,
                TailCommand.class, SubscriptionCommand.class, ClusterCommand.class, ExportCommand.class, ImportCommand.class})
public final class JesdbCommand implements Runnable {

    @Option(names = {"-n", "--node"}, split = ",", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:JESDB_NODES:-http://127.0.0.1:8080}",
            description = "A node or gateway, repeatable or comma separated. Default: $JESDB_NODES, else ${DEFAULT-VALUE}")
    List<String> nodes;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "ID", defaultValue = "default",
            description = "The store's id. Default: ${DEFAULT-VALUE}")
    String store;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "5",
            description = "Longest wait of each call to the store. Default: ${DEFAULT-VALUE}")
    long timeoutSeconds;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "NAME", defaultValue = "${env:JESDB_USER}",
            description = "Sign in as this user (HTTP Basic; use an https:// node); the password is read from "
                    + "$JESDB_PASSWORD, never from the command line. Default: $JESDB_USER. Without a user, a bearer "
                    + "token in $JESDB_TOKEN is sent, if set (security is on by default: a store answers 401 "
                    + "to a call with neither)")
    String user;

    @Option(names = "--cacert", scope = ScopeType.INHERIT, paramLabel = "FILE", defaultValue = "${env:JESDB_CACERT}",
            description = "For https:// nodes, trust only the certificates in this PEM or DER file, e.g. a node's own "
                    + "data/tls/node.crt (as curl's --cacert). Default: $JESDB_CACERT, else the JDK's authorities")
    Path caCertificate;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // JSON lines are UTF-8 whatever the platform's default, and flushed by the buffer, not per line. Not
        // System.out: that PrintStream hides a closed pipe from the writer above it (see LineWriter).
        CommandLine commandLine = new CommandLine(new JesdbCommand())
                .setOut(new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                        StandardCharsets.UTF_8))))
                .setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        int exitCode = commandLine.execute(args);
        commandLine.getOut().flush();
        System.exit(exitCode);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** The version Maven wrote into the jar's manifest (none when run from classes, as in the tests). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = JesdbCommand.class.getPackage().getImplementationVersion();
            return new String[] {"jesdb " + (version == null ? "(not from a jar)" : version)};
        }
    }

    /**
     * A variable set to nothing ({@code JESDB_USER=} in a script) counts as unset, as in most
     * tools: otherwise it would be a user without a name, or a token that is refused.
     */
    private static String unlessBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The password of --user, from the environment only (a command line is visible to every user of the machine). */
    private String password() {
        String password = System.getenv("JESDB_PASSWORD");
        if (password == null) {
            throw new ParameterException(spec.commandLine(), "--user " + user + " needs its password in $JESDB_PASSWORD");
        }
        return password;
    }

    /** The run's client; the subcommand closes it. */
    JesdbClient connect() {
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        try {
            JesdbClient.Builder builder = JesdbClient.builder().nodes(nodes.toArray(String[]::new)).store(store)
                    .timeout(Duration.ofSeconds(timeoutSeconds));
            if (caCertificate != null) {
                builder.trustCertificate(caCertificate);
            }
            // like a password, a token is never taken from the command line, where other users could see it
            String token = unlessBlank(System.getenv("JESDB_TOKEN"));
            String user = unlessBlank(this.user);
            if (token != null && user != null) {
                throw new ParameterException(spec.commandLine(), "give --user or $JESDB_TOKEN, not both");
            }
            if (token != null) {
                builder.token(token);
            } else if (user != null) {
                builder.credentials(user, password());
            }
            return builder.build();
        } catch (IllegalArgumentException badSetting) {
            throw new ParameterException(spec.commandLine(), badSetting.getMessage());
        } catch (UncheckedIOException unreadable) {
            throw new ParameterException(spec.commandLine(), "--cacert: " + unreadable.getMessage());
        }
    }
}
