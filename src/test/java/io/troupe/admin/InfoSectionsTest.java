package io.troupe.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.troupe.command.ClientInfo;
import io.troupe.command.ServerContext;
import io.troupe.command.ServerStats;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** INFO's keyspace line, section selection and DEBUG OBJECT, on keyspaces filled in-process. */
class InfoSectionsTest {
  private final ServerConfig config = new ServerConfig();
  private final SlotMap slots = SlotMap.evenlySplit(2);
  private final Keyspace[] shards = {new Keyspace(0, 16), new Keyspace(1, 16)};
  private final ExecContext ctx = new ExecContext(shards, slots, config);

  private final ServerContext server = new ServerContext() {
    private final ServerStats stats = new ServerStats();

    @Override public ServerConfig config() {
      return config;
    }

    @Override public String runId() {
      return "0".repeat(40);
    }

    @Override public long startTimeMillis() {
      return System.currentTimeMillis();
    }

    @Override public String configFile() {
      return null;
    }

    @Override public Collection<ClientInfo> clients() {
      return List.of();
    }

    @Override public void registerClient(ClientInfo client) {}

    @Override public void unregisterClient(ClientInfo client) {}

    @Override public ClientInfo client(long id) {
      return null;
    }

    private final io.troupe.pubsub.PubSub pubsub = new io.troupe.pubsub.PubSub();

    @Override public ServerStats stats() {
      return stats;
    }

    @Override public io.troupe.pubsub.PubSub pubsub() {
      return pubsub;
    }

    @Override public List<Keyspace> keyspaces() {
      return List.of(shards);
    }

    private final io.troupe.command.Introspection introspection = new io.troupe.command.Introspection(config);

    @Override public io.troupe.command.Introspection introspection() {
      return introspection;
    }

    @Override public void shutdown(int exitCode) {}
  };

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keyspaceLinesForNonEmptyDatabasesOnly() {
    long now = System.currentTimeMillis();
    ctx.reset(0, now);
    for (int i = 0; i < 10; i++) {
      ctx.set(b("key:" + i), b("v"));
    }
    ctx.setExpire(ctx.lookupWrite(b("key:1")), now + 100_000);
    ctx.setExpire(ctx.lookupWrite(b("key:2")), now + 100_000);
    ctx.reset(3, now);
    ctx.set(b("other"), b("v"));
    assertEquals("# Keyspace\r\ndb0:keys=10,expires=2,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n",
        InfoSections.render(server, Set.of("keyspace")));
  }

  @Test
  void sectionSelection() {
    assertEquals(InfoSections.DEFAULT, List.copyOf(InfoSections.select(List.of())));
    assertEquals(InfoSections.SECTIONS, List.copyOf(InfoSections.select(List.of("EVERYTHING"))));
    assertEquals(List.of("cpu", "cluster"), List.copyOf(InfoSections.select(List.of("cluster", "x", "CPU"))));
    assertEquals(List.of("commandstats"), List.copyOf(InfoSections.select(List.of("commandstats"))));
    assertEquals(List.of(), List.copyOf(InfoSections.select(List.of("nosuch"))));
  }

  @Test
  void dirtyCountsAsUnsavedChanges() {
    ctx.reset(0, System.currentTimeMillis());
    ctx.dirty(3);
    String p = InfoSections.render(server, Set.of("persistence"));
    assertTrue(p.contains("\r\nrdb_changes_since_last_save:3\r\n"), p);
  }

  @Test
  void bytesToHumanAsRedis() {
    assertEquals("512B", InfoSections.bytesToHuman(512));
    assertEquals("894.85K", InfoSections.bytesToHuman(916328));
    assertEquals("6.37M", InfoSections.bytesToHuman(6676480));
    assertEquals("23.54G", InfoSections.bytesToHuman(25276502016L));
    assertEquals("0B", InfoSections.bytesToHuman(0));
  }

  private String debugObject(String key) {
    Reply r = DebugCommands.debug(ctx, new byte[][] {b("DEBUG"), b("OBJECT"), b(key)});
    return ((Reply.Status) r).text();
  }

  @Test
  void debugObjectOfStrings() {
    long now = System.currentTimeMillis();
    ctx.reset(0, now - 5000);
    ctx.set(b("k"), b("1"));
    ctx.set(b("k2"), b("hello"));
    ctx.set(b("k4"), b("12345678901"));
    ctx.set(b("k5"), b("-100000"));
    ctx.set(b("k6"), b("x".repeat(50)));
    ctx.reset(0, now);
    String lru = " lru:" + (((now - 5000) / 1000) & 0xFFFFFF) + " lru_seconds_idle:";
    assertTrue(debugObject("k").matches("Value at:0x[0-9a-f]+ refcount:2147483647 encoding:int serializedlength:2"
        + lru + "[45]"), debugObject("k"));
    assertTrue(debugObject("k2").matches("Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:6"
        + lru + "[45]"), debugObject("k2"));
    assertTrue(debugObject("k4").contains(" encoding:int serializedlength:12 "), debugObject("k4"));
    assertTrue(debugObject("k5").contains(" encoding:int serializedlength:5 "), debugObject("k5"));
    assertTrue(debugObject("k6").contains(" refcount:1 encoding:raw serializedlength:51 "), debugObject("k6"));
    // DEBUG OBJECT does not touch the key
    assertTrue(debugObject("k2").endsWith("lru_seconds_idle:5") || debugObject("k2").endsWith("lru_seconds_idle:4"));
    assertEquals("ERR no such key", org.junit.jupiter.api.Assertions.assertThrows(CommandException.class,
        () -> debugObject("missing")).reply().toString().replaceAll("^Error\\[text=(.*)]$", "$1"));
  }

  @Test
  void cLikeNumberParsing() {
    assertEquals(0.5, DebugCommands.strtod("0.5s"));
    assertEquals(0, DebugCommands.strtod("abc"));
    assertEquals(100, DebugCommands.strtod("1e2"));
    assertEquals(1, DebugCommands.atoi("1x"));
    assertEquals(0, DebugCommands.atoi("x1"));
  }
}
