package org.jesdb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Selectors as the API takes them: JSON for persistent subscriptions, a query for transient ones on $all. */
class SubscriptionSelectorTest {

    @Test
    void oneStreamOnAllIsALiteralGlob() {
        assertThat(SubscriptionSelector.stream("order-*?\\7").allQuery()).isEqualTo("&stream=order-%5C*%5C%3F%5C%5C7");
        assertThat(SubscriptionSelector.all().allQuery()).isEmpty();
        assertThat(SubscriptionSelector.all().isStream()).isFalse();
        assertThat(SubscriptionSelector.stream("order-7").isStream()).isTrue();
    }

    @Test
    void eachKindHasItsQueryAndJson() {
        assertThat(SubscriptionSelector.eventTypes(List.of("A", "B c")).allQuery()).isEqualTo("&eventTypes=A%2CB%20c");
        assertThat(SubscriptionSelector.pattern("order-*", null).allQuery()).isEqualTo("&stream=order-*");
        assertThat(SubscriptionSelector.pattern(null, "Order*").json().toString()).isEqualTo("{\"pattern\":{\"type\":\"Order*\"}}");
        assertThat(SubscriptionSelector.payload("{\"tier\":\"gold\"}").allQuery()).isEqualTo("&payload=%7B%22tier%22%3A%22gold%22%7D");
        assertThatThrownBy(() -> SubscriptionSelector.payload("[1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumberedStartIsAVersionForAStreamAndAPositionOtherwise() {
        assertThat(SubscribeFrom.at(5).json(true)).isEqualTo("{\"version\":5}");
        assertThat(SubscribeFrom.at(5).json(false)).isEqualTo("{\"position\":5}");
        assertThat(SubscribeFrom.start().json(true)).isEqualTo("\"start\"");
        assertThat(PersistentSubscriptionSettings.defaults().from(SubscribeFrom.end()).maxInFlight(3).perStream(false)
                .jsonMembers(false)).isEqualTo("\"from\":\"end\",\"maxInFlight\":3,\"ordering\":\"none\",");
    }
}
