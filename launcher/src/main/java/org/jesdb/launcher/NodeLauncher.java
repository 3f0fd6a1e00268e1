package org.jesdb.launcher;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The runnable jar's main class. It runs before Payara Micro: it settles which key and
 * certificate the HTTPS listener serves (a supplied PKCS12 file, or the node's own self-signed
 * one, made at the first start), hands them to the listener through system properties that
 * domain-config/domain.xml reads, then starts Payara Micro with the same arguments and an HTTPS
 * port. A wrong setting stops here, with exit status 64 and a message naming it.
 */
public final class NodeLauncher {
    /** The Main-Class of Payara Micro's uber jar, which this class replaces in jesdb.jar's manifest. */
    static final String PAYARA_MAIN = "fish.payara.micro.PayaraMicro";
    /** The system properties domain.xml's https-listener reads ({@code ${jesdb.https.keystore}} ...). */
    static final String LISTENER_KEYSTORE = "jesdb.https.keystore";
    static final String LISTENER_PASSWORD = "jesdb.https.keystore.password";
    static final String LISTENER_ALIAS = "jesdb.https.key.alias";
    /** As docker/jesdb-node.sh exits on a wrong setting (EX_USAGE). */
    static final int WRONG_SETTING = 64;

    private static final Logger LOG = Logger.getLogger(NodeLauncher.class.getName());

    private NodeLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        List<String> payaraArgs;
        try {
            payaraArgs = PayaraArguments.withHttpsPort(Arrays.asList(args));
            UnaryOperator<String> properties = systemProperties(PayaraArguments.systemPropertiesFile(payaraArgs));
            ServedKeyStore served = servedKeyStore(TlsSettings.from(properties, System::getenv));
            System.setProperty(LISTENER_KEYSTORE, served.file().toString());
            System.setProperty(LISTENER_PASSWORD, served.password());
            System.setProperty(LISTENER_ALIAS, served.alias());
            LOG.info("jesdb tls: HTTPS on port " + PayaraArguments.httpsPort(payaraArgs) + " with " + served);
        } catch (TlsSetupException e) {
            System.err.println("jesdb: " + e.getMessage());
            System.exit(WRONG_SETTING);
            return;
        }
        startPayara(payaraArgs.toArray(String[]::new));
    }

    /** The JVM's system properties, then those of Payara's {@code --systemproperties} file, as Payara will set them. */
    static UnaryOperator<String> systemProperties(Optional<Path> payaraFile) {
        if (payaraFile.isEmpty()) {
            return System::getProperty;
        }
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(payaraFile.get())) {
            file.load(in);
        } catch (IOException e) {
            throw new TlsSetupException("--systemproperties " + payaraFile.get() + " cannot be read: " + e.getMessage());
        }
        return name -> System.getProperty(name, file.getProperty(name));
    }

    static ServedKeyStore servedKeyStore(TlsSettings settings) {
        if (settings.keyStore().isPresent()) {
            if (!settings.hostNames().isEmpty()) {
                LOG.warning("jesdb tls: " + TlsSettings.HOST_NAMES.variable() + " is not used: the certificate is "
                        + TlsSettings.KEYSTORE.variable() + "'s, with the names it was issued for");
            }
            return SuppliedKeyStore.open(settings);
        }
        Keytool keytool = new Keytool(Path.of(System.getProperty("java.home")));
        return new GeneratedKeyStore(settings.generatedDir(), keytool, Clock.systemUTC()).loadOrCreate(settings.hostNames());
    }

    /** By name: Payara Micro's boot classes are in the same jar, but not on this module's build path. */
    private static void startPayara(String[] args) throws Throwable {
        try {
            Class.forName(PAYARA_MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
