package io.troupe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
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

  /**
   * The persisted form is frozen: journals written by this version must be
   * read by every later one (STYLE.md: persisted identifiers are never renamed).
   */
  @Test
  void identityAssignedKeepsItsSerializerManifestAndBytes() throws Exception {
    Serialization serialization = SerializationExtension.get(testKit.system());
    NodeIdentity.IdentityAssigned event = new NodeIdentity.IdentityAssigned("0123456789abcdef0123456789abcdef01234567");
    Serializer serializer = serialization.findSerializerFor(event);
    assertEquals("org.apache.pekko.serialization.jackson.JacksonCborSerializer", serializer.getClass().getName());
    assertEquals(33, serializer.identifier()); // jackson-cbor's id, stored with every event
    assertEquals("io.troupe.server.NodeIdentity$IdentityAssigned", Serializers.manifestFor(serializer, event));
    String frozen = "bf666e6f6465496478283031323334353637383961626364656630313233343536373839616263646566"
        + "3031323334353637ff";
    assertEquals(frozen, HexFormat.of().formatHex(serialization.serialize(event).get()));
    assertEquals(event, serialization.deserialize(HexFormat.of().parseHex(frozen), serializer.identifier(),
        "io.troupe.server.NodeIdentity$IdentityAssigned").get());
  }

  @Test
  void newIdsAreFortyLowercaseHexCharacters() {
    String a = NodeIdentity.newNodeId();
    String b = NodeIdentity.newNodeId();
    assertTrue(a.matches("[0-9a-f]{40}"), a);
    assertNotEquals(a, b);
  }
}
