package io.troupe.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.keyspace.CommandBinder;
import io.troupe.keyspace.CommandHandler;
import io.troupe.keyspace.KeyFinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The command table: every command's spec (data, from commands.json) bound to
 * its handler. It drives arity checks, key extraction, routing and the
 * COMMAND command. {@link #verify()} fails start-up when a spec has no
 * handler or a handler no spec.
 */
public final class CommandTable implements CommandBinder {
  private static final String RESOURCE = "/io/troupe/command/commands.json";

  private final Map<String, CommandSpec> specs;
  private final NameIndex byBytes;
  private final Map<String, CommandDef> defs = new TreeMap<>();
  private final Map<String, CommandDef> byName = new java.util.HashMap<>();

  private CommandTable(Map<String, CommandSpec> specs) {
    this.specs = specs;
    this.byBytes = new NameIndex(specs);
  }

  /** A table with the specs of commands.json and no handlers yet. */
  public static CommandTable load() {
    try (InputStream in = CommandTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing " + RESOURCE);
      }
      JsonNode root = new ObjectMapper().readTree(in);
      Map<String, CommandSpec> specs = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        specs.put(e.getKey(), parse(e.getValue().get("info"), e.getValue().get("docs")));
      }
      return new CommandTable(specs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CommandSpec parse(JsonNode info, JsonNode docs) {
    String name = info.get(0).asText();
    Map<String, CommandSpec> subs = new LinkedHashMap<>();
    JsonNode subInfos = info.get(9).has("~") ? info.get(9).get("~") : info.get(9);
    JsonNode subDocs = TypedJson.mapGet(docs, "subcommands");
    for (JsonNode sub : subInfos) {
      String subName = sub.get(0).asText();
      CommandSpec s = parse(sub, TypedJson.mapGet(subDocs, subName));
      subs.put(subName.substring(subName.indexOf('|') + 1), s);
    }
    JsonNode group = TypedJson.mapGet(docs, "group");
    return new CommandSpec(
        name,
        info.get(1).asInt(),
        Set.copyOf(TypedJson.strings(info.get(2))),
        info.get(3).asInt(),
        info.get(4).asInt(),
        info.get(5).asInt(),
        new LinkedHashSet<>(TypedJson.strings(info.get(6))),
        group == null ? "" : group.asText(),
        TypedJson.toReply(info),
        docs == null ? null : TypedJson.toReply(docs),
        Collections.unmodifiableMap(subs));
  }

  // ---- registration ---------------------------------------------------------------------

  /** Binds a keyspace command; its keys come from the spec's legacy positions. */
  @Override
  public void keyed(String name, CommandHandler handler) {
    bind(name, CommandDef.Execution.KEYED, handler, null, null);
  }

  /** Binds a keyspace command whose keys {@code keys} finds (movablekeys). */
  @Override
  public void keyed(String name, KeyFinder keys, CommandHandler handler) {
    bind(name, CommandDef.Execution.KEYED, handler, null, keys);
  }

  /** Binds a command that needs every shard (DBSIZE, KEYS, FLUSHALL...). */
  @Override
  public void allShards(String name, CommandHandler handler) {
    bind(name, CommandDef.Execution.ALL_SHARDS, handler, null, null);
  }

  /**
   * Binds a command that runs on the coordinator holding every shard, after
   * {@code guard} has run in the connection actor: a non-null reply from the
   * guard answers the command instead (DEBUG's enable-debug-command check
   * needs the client's connection).
   */
  public void allShards(String name, SessionHandler guard, CommandHandler handler) {
    bind(name, CommandDef.Execution.ALL_SHARDS, handler, guard, null);
  }

  /** Binds a command that runs in the connection actor. */
  public void session(String name, SessionHandler handler) {
    bind(name, CommandDef.Execution.SESSION, null, handler, null);
  }

  private void bind(String name, CommandDef.Execution ex, CommandHandler h,
      SessionHandler sh, KeyFinder keys) {
    String key = name.toLowerCase(Locale.ROOT);
    CommandSpec spec = specOf(key);
    if (spec == null) {
      throw new IllegalStateException("handler without a spec in commands.json: " + key);
    }
    if (defs.containsKey(key)) {
      throw new IllegalStateException("two handlers for " + key);
    }
    CommandDef def = new CommandDef(spec, ex, h, sh, keys);
    defs.put(key, def);
    byName.put(key, def);
  }

  private CommandSpec specOf(String fullName) {
    int bar = fullName.indexOf('|');
    if (bar < 0) {
      return specs.get(fullName);
    }
    CommandSpec parent = specs.get(fullName.substring(0, bar));
    return parent == null ? null : parent.subcommands().get(fullName.substring(bar + 1));
  }

  /**
   * Checks that every spec (and subcommand spec) has a handler; throws with the
   * list of those that do not.
   */
  public CommandTable verify() {
    List<String> missing = missingHandlers();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("commands without a handler: " + missing);
    }
    return this;
  }

  /** Names of specs that have no handler (a container needs one per subcommand). */
  public List<String> missingHandlers() {
    List<String> missing = new ArrayList<>();
    for (CommandSpec spec : specs.values()) {
      if (spec.isContainer()) {
        for (CommandSpec sub : spec.subcommands().values()) {
          if (!defs.containsKey(sub.fullName())) {
            missing.add(sub.fullName());
          }
        }
      } else if (!defs.containsKey(spec.fullName())) {
        missing.add(spec.fullName());
      }
    }
    return missing;
  }

  // ---- lookup -----------------------------------------------------------------------------

  /** The top-level spec named {@code name} (any case), or null. */
  public CommandSpec spec(byte[] name) {
    return byBytes.get(name);
  }

  public CommandSpec spec(String name) {
    return specs.get(name.toLowerCase(Locale.ROOT));
  }

  /** The handler bound to a full name ("get", "client|list"), or null. */
  public CommandDef def(String fullName) {
    return byName.get(fullName);
  }

  public Collection<CommandSpec> specs() {
    return specs.values();
  }

  public Collection<CommandDef> defs() {
    return defs.values();
  }
}
