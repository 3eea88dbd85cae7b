package io.troupe.acl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.troupe.command.CommandSpec;
import io.troupe.command.CommandTable;
import io.troupe.config.ServerConfig;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule parsing, command / category / key / channel matching, and how users are described. */
class AclRulesTest {
  private static final CommandTable TABLE = CommandTable.load();
  private Acl acl;

  @BeforeEach
  void fresh() {
    List<CommandSpec> specs = new ArrayList<>(TABLE.specs());
    // Pub/sub commands are not in the table yet: stand-ins with Redis's names, arity and categories.
    specs.add(stub("publish", 3));
    specs.add(stub("subscribe", -2));
    specs.add(stub("psubscribe", -2));
    acl = new Acl(specs, new ServerConfig());
  }

  private static CommandSpec stub(String name, int arity) {
    return new CommandSpec(name, arity, Set.of("pubsub"), 0, 0, 0, Set.of("@pubsub", "@slow"), "pubsub",
        Reply.EMPTY_ARRAY, null, Map.of());
  }

  private AclUser user(String name, String... ops) {
    acl.setUser(name, List.of(ops));
    return acl.user(name);
  }

  private static byte[][] argv(String... args) {
    byte[][] out = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      out[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** The refusal for {@code args} run by {@code u}, as "COMMAND@-1", "KEY@2"..., or null when allowed. */
  private String check(AclUser u, String... args) {
    CommandSpec spec = TABLE.spec(args[0]);
    if (spec == null) {
      spec = acl.ids().lookup(args[0]).spec();
    } else if (spec.isContainer()) {
      spec = spec.subcommands().get(args[1]);
    }
    Acl.Refusal r = acl.check(u, spec, TABLE.def(spec.fullName()), argv(args));
    return r == null ? null : r.reason() + "@" + r.argIndex();
  }

  @Test
  void newUsersAreOffAndAllowNothing() {
    AclUser u = user("u");
    assertEquals("user u off resetchannels -@all", Acl.describe(u));
    assertEquals("COMMAND@-1", check(u, "get", "k"));
    assertNull(acl.authenticate("u", new byte[0]));
  }

  @Test
  void commandsCategoriesAndTheirDescription() {
    AclUser carl = user("carl", "+@all", "-@dangerous", "-get", "+config|get");
    assertEquals("user carl off resetchannels +@all -@dangerous +config|get -get", Acl.describe(carl));
    assertEquals("COMMAND@-1", check(carl, "get", "k"));
    assertEquals("COMMAND@-1", check(carl, "config", "set", "a", "b"));
    assertEquals("COMMAND@-1", check(carl, "flushall"));
    AclUser bob = user("bob", "+@string", "-get", "+@hash", "-@all", "+@read", "-@write");
    assertEquals("user bob off resetchannels -@all +@read", Acl.describe(bob));
    AclUser dave = user("dave", "+select|0", "+client|id", "+client", "-client|kill", "allkeys");
    assertEquals("user dave off ~* resetchannels -@all +client -client|kill +select|0", Acl.describe(dave));
    assertNull(check(dave, "select", "0"));
    assertEquals("COMMAND@-1", check(dave, "select", "1"));
    assertNull(check(dave, "client", "id"));
    assertEquals("COMMAND@-1", check(dave, "client", "kill", "1.2.3.4:5"));
    // AUTH and HELLO (no-auth commands) are never refused for the command itself.
    assertNull(check(dave, "auth", "x"));
    user("dave", "-select");
    assertEquals("COMMAND@-1", check(dave, "select", "0"));
  }

  @Test
  void passwords() {
    AclUser u = user("u", "on", ">p1", ">p2", "<p1");
    assertEquals(List.of(Rules.hash("p2".getBytes(StandardCharsets.UTF_8))), List.copyOf(u.rules().passwords()));
    assertNull(acl.authenticate("u", "p1".getBytes(StandardCharsets.UTF_8)));
    assertEquals(u, acl.authenticate("u", "p2".getBytes(StandardCharsets.UTF_8)));
    user("u", "#" + Rules.hash("p3".getBytes(StandardCharsets.UTF_8)));
    assertEquals(u, acl.authenticate("u", "p3".getBytes(StandardCharsets.UTF_8)));
    user("u", "nopass");
    assertEquals(u, acl.authenticate("u", "anything".getBytes(StandardCharsets.UTF_8)));
    user("u", "resetpass");
    assertNull(acl.authenticate("u", "anything".getBytes(StandardCharsets.UTF_8)));
    user("u", ">p4", "off");
    assertNull(acl.authenticate("u", "p4".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readAndWriteKeyPatternsFollowTheKeySpecs() {
    AclUser u = user("u", "+@all", "%R~r*", "%W~w*", "~rw*");
    assertEquals("user u off %R~r* %W~w* ~rw* resetchannels +@all", Acl.describe(u));
    assertNull(check(u, "get", "r1"));
    assertEquals("KEY@1", check(u, "get", "w1"));
    assertNull(check(u, "set", "w1", "v")); // SET without GET only writes
    assertEquals("KEY@1", check(u, "set", "w1", "v", "get"));
    assertEquals("KEY@1", check(u, "set", "r1", "v"));
    assertNull(check(u, "exists", "w1")); // neither reads nor writes the value
    assertNull(check(u, "copy", "r1", "w1"));
    assertEquals("KEY@2", check(u, "copy", "r1", "r2"));
    assertNull(check(u, "mset", "rw1", "a", "w2", "b"));
    assertEquals("KEY@3", check(u, "mset", "rw1", "a", "r2", "b"));
    assertNull(check(u, "bitfield", "r1", "get", "u8", "0"));
    assertEquals("KEY@1", check(u, "bitfield", "r1", "set", "u8", "0", "1"));
    assertEquals("KEY@1", check(u, "lmove", "r1", "w1", "left", "left")); // source is read and written
  }

  @Test
  void channelsAndPatternSubscriptions() {
    AclUser u = user("u", "+@all", "allkeys", "&news.*", "&lit[eral]");
    assertNull(check(u, "publish", "news.x", "m"));
    assertEquals("CHANNEL@1", check(u, "publish", "sport", "m"));
    assertEquals("CHANNEL@2", check(u, "subscribe", "news.a", "sport"));
    assertNull(check(u, "psubscribe", "news.*"));
    assertEquals("CHANNEL@1", check(u, "psubscribe", "news.a*")); // patterns must match literally
    user("u", "allchannels");
    assertNull(check(u, "psubscribe", "anything*"));
    assertEquals("user u off ~* &* +@all", Acl.describe(u));
  }

  @Test
  void selectorsAllowWhatTheRootDoesNot() {
    AclUser u = user("u", "+get", "~a*", "(+set ~b*)", "(+del ~c*)");
    assertEquals("user u off ~a* resetchannels -@all +get (~b* resetchannels -@all +set)"
        + " (~c* resetchannels -@all +del)", Acl.describe(u));
    assertNull(check(u, "get", "a1"));
    assertNull(check(u, "set", "b1", "v"));
    assertNull(check(u, "del", "c1"));
    assertEquals("KEY@1", check(u, "set", "a1", "v")); // a key refusal outranks a command refusal
    assertEquals("COMMAND@-1", check(u, "incr", "a1"));
    user("u", "clearselectors");
    assertEquals("COMMAND@-1", check(u, "set", "b1", "v"));
  }

  @Test
  void reasonsForInvalidRules() {
    assertEquals("ERR Error in ACL SETUSER modifier '+nope': Unknown command or category name in ACL",
        error(() -> user("u", "+get", "+nope")));
    assertNull(acl.user("u")); // nothing was created
    assertEquals("ERR Error in ACL SETUSER modifier '%~a': Syntax error", error(() -> user("u", "%~a")));
    assertEquals("ERR Error in ACL SETUSER modifier '+debug|': Syntax error", error(() -> user("u", "+debug|")));
    assertEquals("ERR Error in ACL SETUSER modifier '(+nope)': Unknown command or category name in ACL",
        error(() -> user("u", "(+nope)")));
    assertEquals("ERR Usernames can't contain spaces or null characters", error(() -> user("a b")));
    assertEquals("ERR The 'default' user cannot be removed", error(() -> acl.deleteUser("default")));
  }

  private static String error(Runnable r) {
    CommandException e = assertThrows(CommandException.class, r::run);
    return ((Reply.Error) e.reply()).text();
  }

  @Test
  void resetAndDefaultUser() {
    AclUser u = user("u", "on", "nopass", "allkeys", "allcommands", "(+get)", "reset");
    assertEquals("user u off sanitize-payload resetchannels -@all", Acl.describe(u));
    assertEquals("user default on nopass ~* &* +@all", Acl.describe(acl.defaultUser()));
  }

  @Test
  void aclFileLinesSplitAsRedisSplitsThem() {
    assertEquals(List.of("user", "a b", "on", "~x\n"), Acl.splitArgs("user \"a b\" on \"~x\\n\""));
    assertEquals(List.of("user", "it's"), Acl.splitArgs("  user 'it\\'s'  "));
    assertNull(Acl.splitArgs("user \"open"));
  }

  @Test
  void getUserReplyShape() {
    user("alice", "on", ">p1", "~foo*", "%R~bar*", "&chan*", "+get", "(~x +set)");
    AclSession s = (AclSession) Proxy.newProxyInstance(AclSession.class.getClassLoader(),
        new Class<?>[] {AclSession.class}, (proxy, m, args) -> {
          if (m.getName().equals("acl")) {
            return acl;
          }
          // GETUSER needs nothing of the session but the ACL: any other call fails the test.
          throw new UnsupportedOperationException(m.getName());
        });
    Reply r = AclCommands.getUser(s, argv("acl", "getuser", "alice"));
    RespWriter w = new RespWriter();
    w.write(r, 3);
    String hash = Rules.hash("p1".getBytes(StandardCharsets.UTF_8));
    assertEquals("%6\r\n$5\r\nflags\r\n~1\r\n$2\r\non\r\n$9\r\npasswords\r\n*1\r\n$64\r\n" + hash + "\r\n"
        + "$8\r\ncommands\r\n$10\r\n-@all +get\r\n$4\r\nkeys\r\n$13\r\n~foo* %R~bar*\r\n"
        + "$8\r\nchannels\r\n$6\r\n&chan*\r\n$9\r\nselectors\r\n*1\r\n%3\r\n$8\r\ncommands\r\n$10\r\n-@all +set\r\n"
        + "$4\r\nkeys\r\n$2\r\n~x\r\n$8\r\nchannels\r\n$0\r\n\r\n",
        new String(w.drain(), StandardCharsets.ISO_8859_1));
    assertEquals(Reply.NULL_BULK, AclCommands.getUser(s, argv("acl", "getuser", "nobody")));
  }
}
