package org.jesdb.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jakarta.json.JsonObject;
import org.jesdb.client.EventData;
import org.jesdb.client.ExpectedVersion;
import org.jesdb.client.JesdbClient;
import org.jesdb.it.Api;
import org.jesdb.it.ClientContract;
import org.jesdb.it.TestAdmin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EAR on a full Payara Server: a new domain, the EAR deployed unchanged with asadmin, and the
 * same client contract that the runnable jar on Payara Micro meets (ClientIT), plus what an
 * operator of the server checks: the application and its EJBs listed, health, metrics, the console.
 */
class PayaraServerIT extends ClientContract {
    private static PayaraServerDomain domain;
    private static Api api;
    private static JesdbClient client;

    @BeforeAll
    static void startDomainAndDeploy() throws Exception {
        Path dir = Path.of(System.getProperty("jesdb.it.dir"), "server-" + UUID.randomUUID());
        domain = PayaraServerDomain.create(Path.of(System.getProperty("payara.server.home")),
                Path.of(System.getProperty("jesdb.domain.config")), dir);
        domain.start();
        // security is on by default: the first admin's password, before the application first starts
        domain.createPasswordAlias("jesdb.admin.password", TestAdmin.PASSWORD);
        domain.deploy(Path.of(System.getProperty("jesdb.ear")));
        api = Api.of("http://127.0.0.1:" + domain.httpPort() + "/");
        // ready once security is set up: the admin can sign in from then on
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("health/ready").status() == 200);
        client = JesdbClient.builder().nodes("http://127.0.0.1:" + domain.httpPort())
                .credentials(TestAdmin.NAME, TestAdmin.PASSWORD).build();
    }

    @AfterAll
    static void stopDomain() throws Exception {
        if (client != null) {
            client.close();
        }
        if (domain != null) {
            domain.close();
        }
    }

    @Override
    protected JesdbClient client() {
        return client;
    }

    @Override
    protected int port() {
        return domain.httpPort();
    }

    @Override
    protected Api api() {
        return api;
    }

    @Test
    void theServerListsTheApplicationWithItsModulesAndEjbs() throws Exception {
        assertThat(domain.remote("list-applications")).contains(PayaraServerDomain.APPLICATION);
        assertThat(domain.remote("list-sub-components", PayaraServerDomain.APPLICATION))
                .contains("jesdb-ejb.jar", "jesdb-web.war");
        // The EJB module's beans, as the server's admin console shows them under the application.
        assertThat(domain.remote("list-sub-components", "--appname", PayaraServerDomain.APPLICATION, "jesdb-ejb.jar"))
                .contains("StoreLifecycle", "StreamServiceBean");
    }

    @Test
    void healthNamesTheStoreAndItsRaftRole() {
        Api.Answer ready = api.get("health/ready");
        assertThat(ready.status()).isEqualTo(200);
        JsonObject check = ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("jesdb-store-ready")).findFirst().orElseThrow();
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getJsonObject("data").getString("store")).isEqualTo("default");
        assertThat(check.getJsonObject("data").getString("role")).isEqualTo("LEADER");
        assertThat(api.get("health/live").status()).isEqualTo(200);
        assertThat(api.get("health/started").status()).isEqualTo(200);
    }

    @Test
    void theApiAndMetricsAskForCredentialsWhileHealthAndTheConsolesPagesStayOpen() {
        Api anonymous = api.withoutCredentials();
        for (String path : new String[] {"api/stores/default/streams", "api/users", "metrics"}) {
            Api.Answer refused = anonymous.get(path);
            assertThat(refused.status()).as(path + ": " + refused.text()).isEqualTo(401);
            assertThat(refused.isProblem()).as(path).isTrue();
        }
        assertThat(api.as(TestAdmin.NAME, "not the admin's password").get("api/users").status()).isEqualTo(401);
        assertThat(api.get("api/users").status()).as("the admin from the password alias signs in").isEqualTo(200);
        assertThat(anonymous.get("health/ready").json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("jesdb-store-ready")).findFirst().orElseThrow()
                .getJsonObject("data").getString("security")).isEqualTo("on");
        assertThat(anonymous.get("console/").status()).isEqualTo(200);
    }

    @Test
    void metricsCountWhatTheEarDid() {
        client.appendToStream("metered-1", ExpectedVersion.any(), List.of(EventData.json("Counted", "{}")));
        Api.Answer metrics = api.get("metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("jesdb_append_events_total", "jesdb_request_microseconds");
    }

    @Test
    void theConsoleIsServedFromTheWebModule() {
        Api.Answer console = api.get("console/");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.text()).contains("<title>JESDB console</title>");
    }

    @Test
    void theHttpListenerAnswersOnLoopbackOnly() throws Exception {
        Optional<InetAddress> outside = NetworkInterface.networkInterfaces().filter(this::isUp)
                .flatMap(NetworkInterface::inetAddresses).filter(address -> !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress() && address.getAddress().length == 4).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(outside.isPresent(), "this machine has no other IPv4 address");
        try (Socket socket = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> socket.connect(
                    new InetSocketAddress(outside.get(), domain.httpPort()), 2_000)).isInstanceOf(java.io.IOException.class);
        }
    }

    /** Jersey's SEVERE records of SSE connections the contract's proxy cuts are expected; JESDB's own are not. */
    @Test
    void theServerLogHasNoErrorsFromJesdb() throws Exception {
        assertThat(Files.readAllLines(domain.serverLog())).noneMatch(line -> line.matches(".*\\[SEVERE\\] \\[[^]]*\\] \\[org\\.jesdb.*"))
                .noneMatch(line -> line.contains("Exception while loading the app"));
    }

    private boolean isUp(NetworkInterface networkInterface) {
        try {
            return networkInterface.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }
}
