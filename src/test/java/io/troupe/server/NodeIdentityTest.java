package io.troupe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NodeIdentity on the in-memory journal of pekko-persistence-testkit, with
 * application.conf's serialization bindings (the testkit round-trips every
 * event and state through its serializer, so this also checks the CBOR binding).
 */
class NodeIdentityTest {
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("NodeIdentityTest",
        EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static EventSourcedBehaviorTestKit<NodeIdentity.Command, NodeIdentity.Event, NodeIdentity.State> kit(
      String key, CompletableFuture<String> known) {
    // Events and state are checked through their serializer; commands stay local (never serialized).
    return EventSourcedBehaviorTestKit.create(testKit.system(), NodeIdentity.create(key, known),
        EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false));
  }

  private static String get(EventSourcedBehaviorTestKit<NodeIdentity.Command, NodeIdentity.Event,
      NodeIdentity.State> kit) {
    return kit.<String>runCommand(NodeIdentity.Get::new).reply();
  }

  @Test
  void aNewNodeIsAssignedOneIdAndKeepsItAcrossRestarts() throws Exception {
    CompletableFuture<String> known = new CompletableFuture<>();
    var kit = kit("a", known);
    String id = known.get(10, TimeUnit.SECONDS);
    assertTrue(id.matches("[0-9a-f]{40}"), id);
    assertEquals(id, get(kit));
    assertEquals(List.of(new NodeIdentity.IdentityAssigned(id)), kit.persistenceTestKit()
        .persistedInStorage("troupe-node|a"));

    kit.restart();
    assertEquals(id, get(kit));
    assertEquals(new NodeIdentity.State(id), kit.getState());
    // Recovering assigns nothing new.
    assertEquals(1, kit.persistenceTestKit().persistedInStorage("troupe-node|a").size());
  }

  @Test
  void anotherJournalKeyIsAnotherNode() throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    CompletableFuture<String> second = new CompletableFuture<>();
    kit("b", first);
    kit("c", second);
    assertNotEquals(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
  }

  @Test
  void newIdsAreFortyLowercaseHexCharacters() {
    String a = NodeIdentity.newNodeId();
    String b = NodeIdentity.newNodeId();
    assertTrue(a.matches("[0-9a-f]{40}"), a);
    assertNotEquals(a, b);
  }
}
