package org.jesdb.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
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
 * The admin console at /console in headless Chromium, against a real node: the test clicks
 * through its views and checks what they show of a store it filled through the Java client.
 */
class ConsoleIT {
    private static NodeProcess node;
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
        node = NodeProcess.start(dir, Map.of("JESDB_DATA_DIR", dir.resolve("data").toString()));
        node.awaitReady();
        client = JesdbClient.builder().nodes("http://127.0.0.1:" + node.port).build();
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

    /** Each test starts from a console loaded afresh. */
    @BeforeEach
    void blankPage() {
        browser.get("about:blank");
    }

    /**
     * Two streams, a snapshot, and a subscription with one parked event; streams with awkward
     * names; a stream of 150 events and enough streams for two pages; a subscription that parks
     * everything, to be deleted.
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
            assertThat(node.api.post("api/stores/default/streams/" + path,
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
        waitUntil(() -> rows("snapshots-list").size() == 1);
        assertThat(cells(rows("snapshots-list").get(0)).subList(0, 3)).containsExactly("billing", "order-1", "2");

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

    // ---- the page ----

    private static void open(String view) {
        String url = "http://127.0.0.1:" + node.port + "/console/#" + view;
        if (browser.getCurrentUrl().startsWith("http://127.0.0.1:" + node.port + "/console/")) {
            browser.findElement(By.cssSelector("nav a[data-view='" + view + "']")).click();
        } else {
            browser.get(url);
        }
        waitUntil(() -> browser.findElement(By.id("view-" + view)).isDisplayed());
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
