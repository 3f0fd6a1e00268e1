package org.jesdb.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR that the build made, as Arquillian deploys it. */
final class Deployments {
    private Deployments() {
    }

    static WebArchive jesdbWar() {
        File war = new File(System.getProperty("jesdb.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("build the WAR first (mvn package): " + war);
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war);
    }
}
