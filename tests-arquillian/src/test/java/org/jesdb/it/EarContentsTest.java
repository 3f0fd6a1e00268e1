package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The EAR for Payara Server holds the EJB module, the web module at "/", and the libraries in lib/. */
class EarContentsTest {

    @Test
    void theEarHoldsTheEjbAndWebModulesAndTheLibrariesOnce() throws IOException {
        try (ZipFile ear = new ZipFile(System.getProperty("jesdb.ear"))) {
            List<String> entries = ear.stream().map(ZipEntry::getName).toList();
            String application = new String(ear.getInputStream(ear.getEntry("META-INF/application.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);

            assertThat(entries).contains("jesdb-ejb.jar", "jesdb-web.war");
            assertThat(application).contains("<ejb>jesdb-ejb.jar</ejb>", "<web-uri>jesdb-web.war</web-uri>",
                    "<context-root>/</context-root>", "<library-directory>lib</library-directory>", "version=\"10\"");
            assertThat(entries).anyMatch(e -> e.matches("lib/.*jesdb-store-.*\\.jar"))
                    .anyMatch(e -> e.matches("lib/.*ratis-server-.*\\.jar"))
                    .anyMatch(e -> e.matches("lib/.*ratis-grpc-.*\\.jar"))
                    .anyMatch(e -> e.matches("lib/.*ratis-metrics-default-.*\\.jar"))
                    .anyMatch(e -> e.matches("lib/.*xodus-environment-.*\\.jar"))
                    .anyMatch(e -> e.matches("lib/.*slf4j-jdk14-2\\..*\\.jar"));
            assertThat(entries).noneMatch(e -> e.matches("lib/.*jesdb-ejb.*"));

            List<String> webEntries = entriesOf(ear, "jesdb-web.war");
            assertThat(webEntries).contains("WEB-INF/classes/org/jesdb/web/JesdbApplication.class");
            assertThat(webEntries).noneMatch(e -> e.startsWith("WEB-INF/lib/") && e.endsWith(".jar"));

            List<String> ejbEntries = entriesOf(ear, "jesdb-ejb.jar");
            assertThat(ejbEntries).contains("org/jesdb/ejb/lifecycle/StoreLifecycle.class",
                    "org/jesdb/ejb/streams/StreamServiceBean.class", "META-INF/ejb-jar.xml");
        }
    }

    private static List<String> entriesOf(ZipFile ear, String module) throws IOException {
        try (InputStream in = ear.getInputStream(ear.getEntry(module)); ZipInputStream zip = new ZipInputStream(in)) {
            java.util.ArrayList<String> names = new java.util.ArrayList<>();
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
            return names;
        }
    }
}
