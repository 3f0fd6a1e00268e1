package org.jesdb.it;

/**
 * The admin every test node starts with: security is on by default, so each node the tests
 * start gets this password as JESDB_ADMIN_PASSWORD (a node process) or as the system property
 * jesdb.admin.password (an Arquillian deployment, in arquillian.xml), and {@link Api} signs in with it.
 */
public final class TestAdmin {
    public static final String NAME = "admin";
    public static final String PASSWORD = "jesdb-test-admin-passphrase";

    private TestAdmin() {
    }
}
