package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jesdb.client.EventData;
import org.jesdb.client.ExpectedVersion;
import org.jesdb.client.JesdbClient;
import org.jesdb.client.NackAction;
import org.jesdb.client.PersistentSubscription;
import org.jesdb.client.PersistentSubscriptionSettings;
import org.jesdb.client.SubscribeFrom;
import org.jesdb.client.SubscriptionSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin console at /console in headless Chromium, against a real node with security on (the
 * default): the test signs in through the console's form, clicks through its views and checks
 * what they show of a store it filled through the Java client. One node for every test (a start
 * costs ~20 s).
 */
class ConsoleIT {
    private static final String ADMIN_PASSWORD = "it-admin-" + UUID.randomUUID();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static NodeProcess node;
    private static Api admin;
    private static JesdbClient client;
    private static ChromeDriver browser;
    private static PersistentSubscription consumer;
    private static PersistentSubscription doomedConsumer;
    /** Streams whose names would be dot segments, or hold a slash, in a URL path. */
    private static final List<String> AWKWARD_NAMES = List.of(".", "..", "a/b.c");
    /** Filler streams, so that the list of streams takes two pages of 100. */
    private static final int FILLER_STREAMS = 105;

    @BeforeAll
    static void start() throws Exception {
        Chromium.install();
        Path dir = Path.of(System.getProperty("jesdb.it.dir"), "console-" + UUID.randomUUID());
        // Assigned before waiting, so that a node that never gets ready is still stopped.
        node = NodeProcess.start(dir, Map.of("JESDB_DATA_DIR", dir.resolve("data").toString(),
                "JESDB_ADMIN_PASSWORD", ADMIN_PASSWORD));
        // ready only once security is set up: the admin can sign in from then on
        node.awaitReady();
        admin = node.api.as("admin", ADMIN_PASSWORD);
        client = JesdbClient.builder().nodes("http://127.0.0.1:" + node.port).credentials("admin", ADMIN_PASSWORD).build();
        browser = Chromium.start(dir.resolve("chromium-profile"));
        fill();
    }

    /** Each resource is released in a finally of its own: one that fails to close leaves the others to close. */
    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (doomedConsumer != null) {
                    doomedConsumer.stop();
                }
            } finally {
                try {
                    if (consumer != null) {
                        consumer.stop();
                    }
                } finally {
                    try {
                        if (client != null) {
                            client.close();
                        }
                    } finally {
                        if (node != null) {
                            node.close();
                        }
                    }
                }
            }
        }
    }

    /** Each test starts signed out (the token lives in the tab's sessionStorage), from a console loaded afresh. */
    @BeforeEach
    void signedOutBlankPage() {
        browser.get(consoleUrl(""));
        browser.executeScript("sessionStorage.clear()");
        browser.get("about:blank");
    }

    /**
     * Two streams, a snapshot, and a subscription with one parked event; streams with awkward
     * names; a stream of 150 events and enough streams for two pages; a subscription that parks
     * everything, to be deleted; a stream hidden-1 with a snapshot, which the rules of the sign-in
     * test hide from its viewer (order-1 has its snapshot already).
     */
    private static void fill() {
        client.appendToStream("order-1", ExpectedVersion.noStream(), List.of(EventData.json("OrderPlaced", "{\"total\":12}"),
                EventData.json("OrderPaid", "{\"amount\":12}"), EventData.json("OrderShipped", "{\"carrier\":\"<b>x</b>\"}")));
        client.appendToStream("order-2", ExpectedVersion.noStream(), List.of(EventData.json("OrderPlaced", "{\"total\":7}")));
        client.recordSnapshot("billing", "order-1", 2, "{\"due\":0}");
        client.persistentSubscriptions().create("billing", SubscriptionSelector.eventTypes(List.of("OrderPlaced")),
                PersistentSubscriptionSettings.defaults().from(SubscribeFrom.start()));
        consumer = client.persistentSubscriptions().subscribe("billing", (subscription, attempt, event) -> {
            // order-2's event is parked the first time, and acknowledged when it is replayed
            if (event.stream().equals("order-2") && attempt == 1) {
                subscription.nack(NackAction.PARK, event);
            } else {
                subscription.ack(event);
            }
        });
        // The Java client refuses "." and "..": these are appended over plain HTTP.
        for (String name : AWKWARD_NAMES) {
            String path = name.matches("\\.+") ? name.replace(".", "%2E") : URLEncoder.encode(name, StandardCharsets.UTF_8);
            assertThat(admin.post("api/stores/default/streams/" + path,
                    "{\"events\": [{\"type\": \"Awkward\", \"data\": {\"name\": \"" + name + "\"}}]}").text())
                    .contains("\"stream\":\"" + name + "\"");
        }
        List<EventData> paged = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            paged.add(EventData.json("Paged", "{\"n\":" + i + "}"));
        }
        client.appendToStream("paged", ExpectedVersion.noStream(), paged);
        for (int i = 0; i < FILLER_STREAMS; i++) {
            client.appendToStream(String.format("zz-%03d", i), ExpectedVersion.noStream(), List.of(EventData.json("Filler", "{}")));
        }
        client.persistentSubscriptions().create("doomed", SubscriptionSelector.stream("doomed-stream"),
                PersistentSubscriptionSettings.defaults().from(SubscribeFrom.start()));
        client.appendToStream("doomed-stream", ExpectedVersion.noStream(), List.of(EventData.json("Doomed", "{}")));
        doomedConsumer = client.persistentSubscriptions().subscribe("doomed",
                (subscription, attempt, event) -> subscription.nack(NackAction.PARK, event));
        client.appendToStream("hidden-1", ExpectedVersion.noStream(), List.of(EventData.json("Secret", "{}")));
        client.recordSnapshot("audit", "hidden-1", 0, "{\"secret\":true}");
    }

    @Test
    void anOperatorSeesTheClusterStreamsSubscriptionsSnapshotsAndMetrics() {
        open("cluster");
        waitUntil(() -> text("cluster-members").contains("LEADER"));
        assertThat(text("cluster-leader")).isEqualTo(text("cluster-node"));

        open("streams");
        waitUntil(() -> rows("streams-list").size() >= 2);
        assertThat(cells(rowOf("streams-list", "order-1"))).containsExactly("order-1", "2");
        clickRow("streams-list", "order-1");
        waitUntil(() -> rows("stream-events").size() == 3);
        assertThat(rows("stream-events")).extracting(row -> cells(row).get(2))
                .containsExactly("OrderPlaced", "OrderPaid", "OrderShipped");
        // Event data is shown as text: markup in it is not rendered.
        assertThat(cells(rows("stream-events").get(2)).get(4)).isEqualTo("{\"carrier\":\"<b>x</b>\"}");

        open("subscriptions");
        waitUntil(() -> cells(rowOf("subscriptions-list", "billing")).get(5).equals("1"));
        clickRow("subscriptions-list", "billing");
        // Read inside the wait: the view redraws its rows every 2 s, and a row read meanwhile is stale.
        waitUntil(() -> rows("subscription-parked").size() == 1
                && cells(rows("subscription-parked").get(0)).containsAll(List.of("order-2", "OrderPlaced")));
        browser.findElement(By.id("subscription-replay")).click();
        waitUntil(() -> text("subscription-replayed").equals("1 replayed"));
        // The replayed event is acknowledged this time: the parked list empties (the view refreshes itself).
        waitUntil(() -> rows("subscription-parked").isEmpty() && cells(rowOf("subscriptions-list", "billing")).get(5).equals("0"));

        open("snapshots");
        waitUntil(() -> rows("snapshots-list").size() == 2);
        assertThat(cells(rowOf("snapshots-list", "billing")).subList(0, 3)).containsExactly("billing", "order-1", "2");

        open("metrics");
        waitUntil(() -> text("metric-appended").matches("\\d+"));
        long appended = Long.parseLong(text("metric-appended"));
        client.appendToStream("order-3", ExpectedVersion.any(), List.of(EventData.json("OrderPlaced", "{}")));
        waitUntil(() -> text("metric-appended").equals(Long.toString(appended + 1)));
        assertThat(text("metrics-subscriptions")).contains("billing");
        assertThat(browser.findElements(By.tagName("canvas"))).hasSize(4);
        assertThat(text("error")).isEmpty();
    }

    @Test
    void streamsNamedWithDotsOrSlashesAreBrowsedUnderTheirOwnName() {
        open("streams");
        for (String name : AWKWARD_NAMES) {
            clickRow("streams-list", name);
            // "." and ".." would otherwise read the stream list or the store; "a/b.c" two segments.
            waitUntil(() -> text("stream-name").equals(name) && rows("stream-events").size() == 1);
            assertThat(cells(rows("stream-events").get(0)).get(4)).isEqualTo("{\"name\":\"" + name + "\"}");
        }
        assertThat(text("error")).isEmpty();
    }

    @Test
    void streamsAndTheirEventsArePagedByAHundredWithNextAndPrevious() {
        open("streams");
        waitUntil(() -> rows("streams-list").size() == 100);
        assertThat(shown("streams-next")).isTrue();
        assertThat(shown("streams-previous")).isFalse();
        List<String> firstPage = firstCells("streams-list");
        browser.findElement(By.id("streams-next")).click();
        waitUntil(() -> firstCells("streams-list").contains(String.format("zz-%03d", FILLER_STREAMS - 1)));
        assertThat(firstCells("streams-list")).hasSizeLessThan(100).doesNotContainAnyElementsOf(firstPage);
        assertThat(shown("streams-next")).isFalse();
        assertThat(shown("streams-previous")).isTrue();
        assertThat(text("streams-page")).isEqualTo("page 2");
        browser.findElement(By.id("streams-previous")).click();
        waitUntil(() -> firstCells("streams-list").equals(firstPage));
        assertThat(shown("streams-previous")).isFalse();

        clickRow("streams-list", "paged");
        waitUntil(() -> text("stream-name").equals("paged") && rows("stream-events").size() == 100);
        assertThat(firstCells("stream-events")).first().isEqualTo("0");
        assertThat(firstCells("stream-events")).last().isEqualTo("99");
        assertThat(shown("stream-next")).isTrue();
        assertThat(shown("stream-previous")).isFalse();
        browser.findElement(By.id("stream-next")).click();
        waitUntil(() -> rows("stream-events").size() == 50);
        assertThat(firstCells("stream-events")).first().isEqualTo("100");
        assertThat(firstCells("stream-events")).last().isEqualTo("149");
        assertThat(shown("stream-next")).isFalse();
        browser.findElement(By.id("stream-previous")).click();
        waitUntil(() -> rows("stream-events").size() == 100 && firstCells("stream-events").get(0).equals("0"));
        assertThat(text("error")).isEmpty();
    }

    @Test
    void theParkedViewEmptiesWhenItsSubscriptionIsDeleted() {
        open("subscriptions");
        waitUntil(() -> cells(rowOf("subscriptions-list", "doomed")).get(5).equals("1"));
        clickRow("subscriptions-list", "doomed");
        waitUntil(() -> rows("subscription-parked").size() == 1);

        doomedConsumer.stop();
        doomedConsumer = null;
        client.persistentSubscriptions().delete("doomed");
        // The next refresh finds it gone (404): no stale parked events, no error.
        waitUntil(() -> !shown("subscription-detail") && rows("subscription-parked").isEmpty());
        assertThat(firstCells("subscriptions-list")).contains("billing").doesNotContain("doomed");
        assertThat(text("subscription-name")).isEmpty();
        assertThat(text("error")).isEmpty();
    }

    @Test
    void theConsoleAsksForASignInAndShowsAUserOnlyTheStreamsItMayRead() {
        String viewerPassword = "it-viewer-" + UUID.randomUUID();
        Api.Answer created = admin.post("api/users",
                "{\"name\":\"viewer\",\"password\":\"" + viewerPassword + "\",\"roles\":[\"viewers\"]}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Api.Answer rules = admin.put("api/access-rules",
                "{\"rules\":[{\"streams\":\"order-*\",\"read\":[\"role:viewers\"]}],\"defaults\":{}}");
        assertThat(rules.status()).as(rules.text()).isEqualTo(200);
        assertThat(admin.get("api/stores/default/streams/hidden-1").status()).as("there is a stream to hide").isEqualTo(200);

        browser.get(consoleUrl("#streams"));
        waitUntil(() -> shown("sign-in"));
        assertThat(shown("views")).as("no view before sign-in").isFalse();
        assertThat(rows("streams-list")).as("no data before sign-in").isEmpty();
        assertThat(shown("signed-in")).isFalse();
        assertThat(shown("error")).as("a 401 is not an error").isFalse();

        signIn("viewer", "not the password");
        waitUntil(() -> text("sign-in-error").equals("Wrong user name or password."));
        assertThat(shown("views")).isFalse();
        assertThat(sessionStorage()).isEmpty();

        signIn("viewer", viewerPassword);
        waitUntil(() -> firstCells("streams-list").contains("order-1"));
        assertThat(firstCells("streams-list")).doesNotContain("hidden-1").allMatch(name -> name.startsWith("order-"));
        assertThat(text("signed-in-user")).isEqualTo("viewer");
        assertThat(shown("sign-in")).isFalse();
        assertThat(sessionStorage()).as("the token, never the password").containsOnlyKeys("jesdb-token")
                .allSatisfy((key, value) -> assertThat(value).doesNotContain(viewerPassword));

        open("snapshots");
        waitUntil(() -> !rows("snapshots-list").isEmpty());
        assertThat(rows("snapshots-list")).extracting(row -> cells(row).get(1)).containsExactly("order-1");

        open("users");
        waitUntil(() -> shown("users-admins-only"));
        assertThat(shown("users-admin")).isFalse();
        assertThat(rows("users-list")).as("no user is shown to a viewer").isEmpty();
        open("metrics");
        waitUntil(() -> shown("metrics-refused"));
        assertThat(rows("metrics-subscriptions")).as("no subscription name is shown to a viewer").isEmpty();
        assertThat(shown("error")).as("a refused view is no error: " + text("error")).isFalse();

        browser.findElement(By.id("sign-out")).click();
        waitUntil(() -> shown("sign-in"));
        assertThat(shown("views")).isFalse();
        assertThat(rows("snapshots-list")).as("nothing of the viewer's is left in the page").isEmpty();
        assertThat(sessionStorage()).isEmpty();
        assertThat(text("sign-in-error")).isEmpty();
    }

    @Test
    void anAdminManagesUsersAndAccessRulesInTheConsole() {
        open("users");
        waitUntil(() -> firstCells("users-list").contains("admin"));
        assertThat(shown("users-admins-only")).isFalse();
        String rulesBefore = admin.get("api/access-rules").json().toString();
        waitUntil(() -> browser.findElement(By.id("rules-json")).getAttribute("value").contains("defaults"));

        type("user-name", "clerk");
        type("user-password", "clerk's first passphrase");
        type("user-roles", "clerks, night-shift");
        browser.findElement(By.id("user-save")).click();
        waitUntil(() -> firstCells("users-list").contains("clerk"));
        assertThat(cells(rowOf("users-list", "clerk")).get(1)).isEqualTo("clerks, night-shift");
        assertThat(node.api.as("clerk", "clerk's first passphrase").get("api/stores/default/streams").status())
                .as("the user the console made signs in").isEqualTo(200);

        clickRow("users-list", "clerk");
        assertThat(browser.findElement(By.id("user-roles")).getAttribute("value")).isEqualTo("clerks, night-shift");
        type("user-password", "clerk's second passphrase");
        browser.findElement(By.id("user-save")).click();
        waitUntil(() -> text("user-saved").equals("saved clerk"));
        assertThat(node.api.as("clerk", "clerk's second passphrase").get("api/users/clerk").status())
                .as("a new password, and still no admin").isEqualTo(403);
        assertThat(admin.get("api/users/clerk").json().getJsonArray("roles")).hasSize(2);

        browser.findElement(By.id("rules-save")).click();
        waitUntil(() -> text("rules-saved").equals("saved"));
        assertThat(admin.get("api/access-rules").json().toString()).as("saved as shown").isEqualTo(rulesBefore);

        clickRow("users-list", "clerk");
        browser.findElement(By.id("user-delete")).click();
        waitUntil(() -> !firstCells("users-list").contains("clerk"));
        assertThat(admin.get("api/users/clerk").status()).isEqualTo(404);
        assertThat(shown("error")).as(text("error")).isFalse();
    }

    /** Types {@code value} into the input {@code id}, replacing what it held. */
    private static void type(String id, String value) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void aTokenTheNodeNoLongerTakesBringsBackTheSignInFormSayingTheSessionEnded() {
        browser.get(consoleUrl("#streams"));
        // The page's own first calls must have had their 401 first: one answered after the token
        // below is set would take it for a refused token and forget it before the refresh.
        waitUntil(() -> shown("sign-in"));
        // what an expired token, or one of a deleted user, gets: a 401
        browser.executeScript("sessionStorage.setItem('jesdb-token', 'not.a.token')");
        browser.navigate().refresh();
        waitUntil(() -> shown("sign-in") && text("sign-in-error").equals("Your session has ended: sign in again."));
        assertThat(shown("views")).isFalse();
        assertThat(sessionStorage()).as("the refused token is forgotten").isEmpty();

        signIn("admin", ADMIN_PASSWORD);
        waitUntil(() -> firstCells("streams-list").contains("hidden-1"));
        assertThat(text("signed-in-user")).isEqualTo("admin");
        assertThat(shown("sign-in")).isFalse();
    }

    @Test
    void theConsolesFilesAnswerAnyoneAndItsCallsAreNeverChallengedWithBasic() throws Exception {
        for (String file : List.of("", "index.html", "console.js", "console.css")) {
            assertThat(get(consoleUrl(file)).statusCode()).as(file).isEqualTo(200);
        }
        assertThat(get("http://127.0.0.1:" + node.port + "/console").statusCode()).as("/console").isNotEqualTo(401);
        String streams = "http://127.0.0.1:" + node.port + "/api/stores/default/streams";
        HttpResponse<String> byScript = get(streams, "X-Requested-With", "XMLHttpRequest");
        assertThat(byScript.statusCode()).isEqualTo(401);
        assertThat(byScript.headers().allValues("WWW-Authenticate")).as("no browser dialog")
                .noneMatch(value -> value.contains("Basic"));
        HttpResponse<String> byOthers = get(streams);
        assertThat(byOthers.statusCode()).isEqualTo(401);
        assertThat(byOthers.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).contains("Basic"));
        assertThat(get(consoleUrl("../api/stores/default/streams")).statusCode()).as("a way out of /console")
                .isIn(400, 401, 404);
    }

    // ---- the page ----

    private static String consoleUrl(String rest) {
        return "http://127.0.0.1:" + node.port + "/console/" + rest;
    }

    /** Shows a view, signing in as the admin first when the console asks. */
    private static void open(String view) {
        if (browser.getCurrentUrl().startsWith(consoleUrl(""))) {
            browser.findElement(By.cssSelector("nav a[data-view='" + view + "']")).click();
        } else {
            browser.get(consoleUrl("#" + view));
            waitUntil(() -> shown("sign-in") || shown("view-" + view));
            if (shown("sign-in")) {
                signIn("admin", ADMIN_PASSWORD);
            }
        }
        waitUntil(() -> browser.findElement(By.id("view-" + view)).isDisplayed());
    }

    /** Fills the console's sign-in form and sends it. */
    private static void signIn(String user, String password) {
        waitUntil(() -> shown("sign-in") && browser.findElement(By.id("sign-in-submit")).isEnabled());
        for (String[] field : new String[][] {{"sign-in-user", user}, {"sign-in-password", password}}) {
            WebElement input = browser.findElement(By.id(field[0]));
            input.clear();
            input.sendKeys(field[1]);
        }
        browser.findElement(By.id("sign-in-submit")).click();
    }

    /** What the console's tab keeps in its sessionStorage. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> sessionStorage() {
        return (Map<String, String>) browser.executeScript("return Object.assign({}, sessionStorage)");
    }

    /** A GET without credentials, with the given header name and value pairs. */
    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static List<WebElement> rows(String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr"));
    }

    private static WebElement rowOf(String tableId, String firstCell) {
        return rows(tableId).stream().filter(row -> cells(row).get(0).equals(firstCell)).findFirst().orElseThrow();
    }

    private static boolean shown(String id) {
        return browser.findElement(By.id(id)).isDisplayed();
    }

    /** The first cell of each row of the table, read in one go (the table may be redrawn meanwhile). */
    @SuppressWarnings("unchecked")
    private static List<String> firstCells(String tableId) {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll('#' + arguments[0] + ' tbody tr'))"
                + ".map(row => row.cells[0].textContent)", tableId);
    }

    /** Clicks the row that starts with {@code firstCell}, again if a refresh redrew the table under the click. */
    private static void clickRow(String tableId, String firstCell) {
        waitUntil(() -> {
            rowOf(tableId, firstCell).click();
            return true;
        });
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private interface Check {
        boolean holds();
    }

    /** Waits up to 15 s for what the page shows; the page refreshes some views every 2 s. */
    private static void waitUntil(Check check) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(RuntimeException.class)
                .until((WebDriver ignored) -> check.holds());
    }
}
