package io.troupe.admin;

import io.troupe.command.ServerContext;
import io.troupe.command.Session;
import io.troupe.config.ConfigException;
import io.troupe.keyspace.GlobPattern;
import io.troupe.config.Param;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import io.troupe.resp.CommandException;
import io.troupe.resp.Reply;
import io.troupe.resp.RespErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET / SET / RESETSTAT / HELP (Redis's config.c); REWRITE is in {@link ConfigRewrite}. */
final class ConfigCommands {
  private ConfigCommands() {}

  private static final List<String> HELP = List.of(
      "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "GET <pattern>",
      "    Return parameters matching the glob-like <pattern> and their values.",
      "SET <directive> <value>",
      "    Set the configuration <directive> to <value>.",
      "RESETSTAT",
      "    Reset statistics reported by the INFO command.",
      "REWRITE",
      "    Rewrite the configuration file.",
      "HELP",
      "    Prints this help.");

  /** CONFIG GET parameter [parameter ...] */
  static Reply get(Session s, byte[][] argv) {
    ServerConfig config = s.config();
    // lower-case name -> (name as shown, parameter); an exact name is shown as the client spelled it.
    Map<String, Map.Entry<String, Param>> matches = new LinkedHashMap<>();
    for (int i = 2; i < argv.length; i++) {
      String pattern = text(argv[i]);
      if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('[') < 0) {
        Param p = config.param(pattern);
        if (p != null) {
          matches.putIfAbsent(pattern.toLowerCase(Locale.ROOT), Map.entry(pattern, p));
        }
        continue;
      }
      for (Map.Entry<String, Param> e : config.names().entrySet()) {
        if (!matches.containsKey(e.getKey()) && GlobPattern.matches(pattern.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8), true)) {
          matches.put(e.getKey(), e);
        }
      }
    }
    List<Reply> out = new ArrayList<>(matches.size() * 2);
    for (Map.Entry<String, Param> e : matches.values()) {
      out.add(Reply.bulk(e.getKey()));
      out.add(Reply.bulk(e.getValue().text()));
    }
    return Reply.map(out);
  }

  /** CONFIG SET parameter value [parameter value ...] */
  static Reply set(Session s, byte[][] argv) {
    if ((argv.length - 2) % 2 != 0) {
      throw new CommandException(RespErrors.SYNTAX);
    }
    ServerConfig config = s.config();
    int n = (argv.length - 2) / 2;
    Param[] params = new Param[n];
    String[] names = new String[n];
    String[] texts = new String[n];
    Map<Param, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      names[i] = text(argv[2 + 2 * i]);
      Param p = config.param(names[i]);
      if (p == null) {
        throw new CommandException(RespErrors.configSetUnknown(names[i]));
      }
      if (!p.mutable()) {
        throw new CommandException(RespErrors.configSetFailed(names[i], "can't set immutable config"));
      }
      if (p.isProtected() && !protectedAllowed(s)) {
        throw new CommandException(RespErrors.configSetFailed(names[i], "can't set protected config"));
      }
      if (seen.put(p, Boolean.TRUE) != null) {
        throw new CommandException(RespErrors.configSetFailed(names[i], "duplicate parameter"));
      }
      params[i] = p;
    }
    // All values are checked before any is stored, so a failure changes nothing.
    for (int i = 0; i < n; i++) {
      try {
        texts[i] = params[i].check(text(argv[3 + 2 * i]));
      } catch (ConfigException e) {
        throw new CommandException(RespErrors.configSetFailed(names[i], e.getMessage()));
      }
    }
    for (int i = 0; i < n; i++) {
      params[i].apply(texts[i]);
    }
    return Reply.OK;
  }

  /** enable-protected-configs: "yes", or "local" for a connection from this host. */
  private static boolean protectedAllowed(Session s) {
    String mode = s.config().getString("enable-protected-configs");
    return mode.equals("yes") || mode.equals("local") && DebugCommands.isLocal(s);
  }

  /** CONFIG RESETSTAT */
  static Reply resetStat(Session s, byte[][] argv) {
    resetStats(s.server());
    return Reply.OK;
  }

  /**
   * Resets what Redis's resetServerStats resets: the server's counters, each
   * shard's hit/miss/expiry counters (written from this thread while the
   * shards run: a reset may lose a concurrent increment), the memory peak and
   * the ops samples. The dirty counter (rdb_changes_since_last_save) stays.
   */
  static void resetStats(ServerContext server) {
    server.stats().reset();
    server.stats().unexpectedErrorReplies.reset();
    server.introspection().commandStats().reset();
    for (Keyspace ks : server.keyspaces()) {
      ks.stats().reset();
    }
    AdminState state = AdminState.of(server);
    state.resetPeak(InfoSections.usedMemory(server));
    state.resetSamples();
  }

  /** CONFIG HELP */
  static Reply help(Session s, byte[][] argv) {
    List<Reply> lines = new ArrayList<>();
    for (String l : HELP) {
      lines.add(Reply.status(l));
    }
    return Reply.array(lines);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
