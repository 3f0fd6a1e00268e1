package org.jesdb.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jesdb.store.security.AccessDeniedException;
import org.jesdb.store.security.AccessRule;
import org.jesdb.store.streams.EventPage;
import org.jesdb.store.streams.ExpectedVersion;
import org.jesdb.store.streams.RecordedEvent;
import org.jesdb.store.security.AccessRules;
import org.jesdb.store.security.Caller;
import org.jesdb.store.security.Right;
import org.jesdb.store.security.User;
import org.jesdb.store.security.UserExistsException;
import org.jesdb.store.security.UserNotFoundException;
import org.jesdb.store.subscriptions.Glob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and access rules go through Raft into the store, and are there after a restart. */
class AccessControlTest {
    @TempDir
    Path dir;

    @Test
    void usersAreCreatedChangedAndDeletedOnce() {
        try (EventStore store = EventStore.open(EmbeddedStore.config(dir))) {
            AccessControl access = store.accessControl();
            access.createUser(new User("alice", "PBKDF2:1:salt:hash", Set.of("sales")));

            assertThatThrownBy(() -> access.createUser(new User("alice", "other", Set.of())))
                    .isInstanceOf(UserExistsException.class);
            assertThat(access.localUser("alice")).get().extracting(User::passwordHash).isEqualTo("PBKDF2:1:salt:hash");

            access.putUser(new User("alice", "PBKDF2:1:salt:new", Set.of("sales", "admin")));
            access.createUser(new User("bob", "h", Set.of()));
            assertThat(access.users()).extracting(User::name).containsExactly("alice", "bob");
            assertThat(access.localUser("alice").orElseThrow().isAdmin()).isTrue();

            access.deleteUser("bob");
            assertThatThrownBy(() -> access.deleteUser("bob")).isInstanceOf(UserNotFoundException.class);
            assertThat(access.localUser("bob")).isEmpty();
        }
    }

    @Test
    void aNewStoreHasTheStandardRulesAndKeepsTheOnesGivenAcrossARestart() {
        AccessRules salesOnly = new AccessRules(List.of(new AccessRule(Glob.compile("streams", "order-*"),
                Map.of(Right.READ, List.of("role:sales")))), AccessRules.standard().defaults());
        Caller bob = new Caller("bob", Set.of());
        try (EventStore store = EventStore.open(EmbeddedStore.config(dir))) {
            assertThat(store.accessControl().rules().allows(bob, "order-1", Right.READ)).isTrue();
            store.accessControl().putRules(salesOnly);
            store.accessControl().createUser(new User("carol", "h", Set.of("sales")));
        }
        try (EventStore store = EventStore.open(EmbeddedStore.config(dir))) {
            AccessRules rules = store.accessControl().localRules();
            assertThat(rules.allows(bob, "order-1", Right.READ)).isFalse();
            assertThatThrownBy(() -> store.accessControl().require(bob, "order-1", Right.READ))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("'bob' may not read stream 'order-1'");
            assertThat(rules.allows(store.accessControl().localUser("carol").orElseThrow().asCaller(), "order-1", Right.READ))
                    .isTrue();
        }
    }

    @Test
    void securityIsSetUpOnceWhoeverAsks() {
        byte[] key = {1, 2, 3};
        try (EventStore store = EventStore.open(EmbeddedStore.config(dir))) {
            AccessControl access = store.accessControl();
            assertThat(access.localTokenKey()).isEmpty();
            access.createUser(new User("admin", "planted-before-security", Set.of()));
            assertThat(access.initialize(new User("admin", "first", Set.of(Caller.ADMIN)), key)).isTrue();
            assertThat(access.initialize(new User("admin", "second", Set.of(Caller.ADMIN)), new byte[] {9})).isFalse();
            assertThat(access.localTokenKey()).get().isEqualTo(key);
            assertThat(access.localUser("admin").orElseThrow().passwordHash()).isEqualTo("first");
            assertThat(access.localUser("admin").orElseThrow().roles()).containsExactly(Caller.ADMIN);
        }
    }

    @Test
    void allShowsACallerOnlyTheStreamsItMayRead() {
        Caller bob = new Caller("bob", Set.of());
        Caller alice = new Caller("alice", Set.of("sales"));
        try (EventStore store = EventStore.open(EmbeddedStore.config(dir))) {
            store.accessControl().putRules(new AccessRules(List.of(new AccessRule(Glob.compile("streams", "order-*"),
                    Map.of(Right.READ, List.of("role:sales")))), AccessRules.standard().defaults()));
            for (int i = 0; i < 30; i++) {
                store.appendToStream("order-" + i, ExpectedVersion.any(), EmbeddedStore.events(1, "Ordered"));
                store.appendToStream("cart-" + i, ExpectedVersion.any(), EmbeddedStore.events(1, "Carted"));
            }

            assertThat(store.readAll(ReadOptions.forwards().maxCount(1000), bob).events())
                    .extracting(RecordedEvent::type).hasSize(30).containsOnly("Carted");
            assertThat(store.readAll(ReadOptions.backwards().maxCount(1000), alice).events()).hasSize(60);
            assertThat(store.readAll(ReadOptions.forwards().maxCount(1000), new Caller("root", Set.of(Caller.ADMIN)))
                    .events()).hasSize(60);

            // bob pages through $all ten events at a time and meets every cart event once
            List<String> seen = new ArrayList<>();
            Long from = 0L;
            while (from != null) {
                EventPage page = store.readAll(ReadOptions.forwards().from(from).maxCount(10), bob);
                page.events().forEach(event -> seen.add(event.stream()));
                from = page.next();
            }
            assertThat(seen).hasSize(30).doesNotHaveDuplicates().allMatch(stream -> stream.startsWith("cart-"));
        }
    }

    @Test
    void badUsersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new User("a/b", "h", Set.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("name");
        assertThatThrownBy(() -> new User("a", "has space", Set.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("passwordHash");
        try (EventStore store = EventStore.open(EmbeddedStore.config(dir))) {
            assertThatThrownBy(() -> store.accessControl().deleteUser("x:y")).isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("name");
        }
    }
}
