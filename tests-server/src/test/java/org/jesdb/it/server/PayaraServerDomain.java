package org.jesdb.it.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Payara Server domain made for one test run, as an operator would make it with asadmin: created
 * in its own folder on free ports, given domain-config/'s settings, started, and the EAR deployed.
 */
final class PayaraServerDomain implements AutoCloseable {
    static final String NAME = "jesdb";
    static final String APPLICATION = "jesdb";
    /** create-domain puts each listener at a fixed offset from the port base. */
    private static final int ADMIN_OFFSET = 48;
    private static final int HTTP_OFFSET = 80;
    private static final int PORTS_PER_DOMAIN = 100;

    private final Asadmin asadmin;
    private final Path domains;
    private final int portBase;
    private boolean started;

    private PayaraServerDomain(Asadmin asadmin, Path domains, int portBase) {
        this.asadmin = asadmin;
        this.domains = domains;
        this.portBase = portBase;
    }

    /** Creates the domain under {@code dir} with domain-config/'s settings and JESDB's data in {@code dir/data}. */
    static PayaraServerDomain create(Path payaraHome, Path domainConfig, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Asadmin asadmin = new Asadmin(payaraHome, dir.resolve("asadmin.log"));
        Path domains = dir.resolve("domains");
        int portBase = freePortBase();
        asadmin.run("create-domain", "--nopassword", "--portbase", Integer.toString(portBase),
                "--domaindir", domains.toString(), NAME);

        DomainXml domainXml = DomainXml.read(domains.resolve(NAME).resolve("config/domain.xml"))
                .bindListenersToLoopback()
                .keepHazelcastOnLoopback()
                .disablePhoneHome()
                .addSystemProperty("jesdb.data.dir", dir.resolve("data").toString());
        for (var property : systemProperties(domainConfig).entrySet()) {
            domainXml.addSystemProperty(property.getKey().toString(), property.getValue().toString());
        }
        domainXml.write();
        return new PayaraServerDomain(asadmin, domains, portBase);
    }

    void start() throws IOException, InterruptedException {
        asadmin.run("start-domain", "--domaindir", domains.toString(), NAME);
        started = true;
    }

    /**
     * Keeps {@code password} in the domain's password alias store under {@code name}, as an
     * operator keeps a secret: Payara's MicroProfile Config reads password aliases as properties
     * of that name, and the password appears neither in domain.xml nor on a command line.
     */
    void createPasswordAlias(String name, String password) throws IOException, InterruptedException {
        Path file = Files.createTempFile(domains.getParent(), "alias-", ".txt",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, "AS_ADMIN_ALIASPASSWORD=" + password + "\n");
            remote("--passwordfile", file.toString(), "create-password-alias", name);
        } finally {
            Files.delete(file);
        }
    }

    void deploy(Path ear) throws IOException, InterruptedException {
        remote("deploy", "--name", APPLICATION, ear.toString());
    }

    /** A command against the running domain's admin listener. */
    String remote(String... command) throws IOException, InterruptedException {
        String[] arguments = new String[command.length + 4];
        arguments[0] = "--host";
        arguments[1] = "127.0.0.1";
        arguments[2] = "--port";
        arguments[3] = Integer.toString(portBase + ADMIN_OFFSET);
        System.arraycopy(command, 0, arguments, 4, command.length);
        return asadmin.run(arguments);
    }

    int httpPort() {
        return portBase + HTTP_OFFSET;
    }

    Path serverLog() {
        return domains.resolve(NAME).resolve("logs/server.log");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            try {
                asadmin.run("stop-domain", "--domaindir", domains.toString(), NAME);
            } catch (IllegalStateException e) {
                asadmin.run("stop-domain", "--kill=true", "--domaindir", domains.toString(), NAME);
            }
        }
    }

    private static Properties systemProperties(Path domainConfig) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(domainConfig.resolve("system.properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** A base whose whole block of ports is free on loopback, so the domain never meets another server. */
    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(400) * PORTS_PER_DOMAIN;
            if (allFree(base)) {
                return base;
            }
        }
        throw new IOException("no free block of " + PORTS_PER_DOMAIN + " ports on 127.0.0.1");
    }

    private static boolean allFree(int base) {
        for (int port = base; port < base + PORTS_PER_DOMAIN; port++) {
            try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                // free
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
