package org.jesdb.it;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR that the build made, as Arquillian deploys it. */
final class Deployments {
    /** How long a fresh deployment may take to set security up and become ready. */
    private static final Duration READY_WAIT = Duration.ofSeconds(60);

    private Deployments() {
    }

    static WebArchive jesdbWar() {
        File war = new File(System.getProperty("jesdb.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build the WAR first (mvn package): " + war);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }

    /**
     * The API of the deployment at {@code base}, called as the test admin, once the node is ready:
     * security is set up in the background just after a deployment, and until it has reached the
     * node nobody can sign in (401). A ready node answers at once, so each test may ask.
     */
    static Api readyApi(URL base) {
        Api api = Api.of(base.toString());
        Api health = api.withoutCredentials();
        await().atMost(READY_WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                Api.Answer ready = health.get("health/ready");
                // the whole answer UP, with the store's own check in it (not just Payara's while it deploys)
                return ready.status() == 200 && ready.text().contains("jesdb-store-ready");
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
        return api;
    }
}
