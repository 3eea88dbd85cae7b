package io.troupe.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every parameter of Redis 7.0 that CONFIG GET '*' shows, with Redis 7.0's
 * names, aliases, defaults, limits and mutability (taken from a real
 * redis-server 7.0.15). Troupe honours some of them; the others are held so
 * that Redis tooling can read and set them (the list of those that have an
 * effect is in {@link #HONOURED}). Exceptions to Redis: {@code bind} and
 * {@code port} cannot be changed at runtime (the listener does not rebind),
 * and the default of {@code bind} is overridden by application.conf.
 */
final class Params {
  private Params() {}

  /** The parameters that change Troupe's behaviour; all others are stored only. */
  static final List<String> HONOURED = List.of("port", "bind", "databases", "requirepass", "hz",
      "proto-max-bulk-len", "client-query-buffer-limit", "active-expire-effort", "enable-debug-command",
      "enable-protected-configs", "hll-sparse-max-bytes", "protected-mode", "aclfile", "acllog-max-len",
      "acl-pubsub-default", "notify-keyspace-events", "client-output-buffer-limit", "maxclients", "timeout",
      "list-max-listpack-size", "hash-max-listpack-entries", "hash-max-listpack-value", "set-max-intset-entries",
      "zset-max-listpack-entries", "zset-max-listpack-value", "slowlog-log-slower-than", "slowlog-max-len",
      "latency-monitor-threshold", "rdbcompression", "rdbchecksum",
      "maxmemory", "maxmemory-policy", "maxmemory-samples", "maxmemory-eviction-tenacity", "lfu-log-factor",
      "lfu-decay-time", "appendonly", "appendfsync", "appenddirname", "appendfilename", "aof-load-truncated",
      "auto-aof-rewrite-percentage", "auto-aof-rewrite-min-size");

  static void defineAll(ServerConfig c) {
    integer(c, "port", false, 0, 65535, "6379");
    special(c, "hz", true, "10", Params::hz);
    special(c, "activedefrag", true, "no", Params::activedefrag);
    special(c, "bind", false, "* -::*", (cur, v) -> v);
    special(c, "client-output-buffer-limit", true,
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", Params::clientOutputBufferLimit);
    special(c, "cluster-announce-hostname", true, "", Params::hostname);
    special(c, "latency-tracking-info-percentiles", true, "50 99 99.9", Params::percentiles);
    special(c, "notify-keyspace-events", true, "", Params::keyspaceEvents);
    special(c, "oom-score-adj-values", true, "0 200 800", Params::oomScoreAdjValues);
    special(c, "proc-title-template", true, "{title} {listen-addr} {server-mode}", Params::procTitleTemplate);
    special(c, "save", true, "3600 1 300 100 60 10000", Params::save);
    add(c, new Param("dir", List.of(), Param.Kind.SPECIAL, true, true, 0, 0, List.of(), Params::dir,
        Path.of("").toAbsolutePath().toString()));
    add(c, new Param("dbfilename", List.of(), Param.Kind.SPECIAL, true, true, 0, 0, List.of(), Params::dbfilename,
        "dump.rdb"));
    string(c, "replicaof|slaveof", false, "");
    enumeration(c, "acl-pubsub-default", true, List.of("allchannels", "resetchannels"), "resetchannels");
    string(c, "aclfile", false, "");
    integer(c, "acllog-max-len", true, 0, Long.MAX_VALUE, "128");
    integer(c, "active-defrag-cycle-max", true, 1, 99, "25");
    integer(c, "active-defrag-cycle-min", true, 1, 99, "1");
    memory(c, "active-defrag-ignore-bytes", true, 1, Long.MAX_VALUE, "104857600");
    integer(c, "active-defrag-max-scan-fields", true, 1, Long.MAX_VALUE, "1000");
    integer(c, "active-defrag-threshold-lower", true, 0, 1000, "10");
    integer(c, "active-defrag-threshold-upper", true, 0, 1000, "100");
    integer(c, "active-expire-effort", true, 1, 10, "1");
    bool(c, "activerehashing", true, "yes");
    bool(c, "always-show-logo", false, "no");
    bool(c, "aof-disable-auto-gc", true, "no");
    bool(c, "aof-load-truncated", true, "yes");
    bool(c, "aof-rewrite-incremental-fsync", true, "yes");
    bool(c, "aof-timestamp-enabled", true, "no");
    bool(c, "aof-use-rdb-preamble", true, "yes");
    string(c, "aof_rewrite_cpulist", false, "");
    string(c, "appenddirname", false, "appendonlydir");
    string(c, "appendfilename", false, "appendonly.aof");
    enumeration(c, "appendfsync", true, List.of("everysec", "always", "no"), "everysec");
    bool(c, "appendonly", true, "no");
    memory(c, "auto-aof-rewrite-min-size", true, 0, Long.MAX_VALUE, "67108864");
    integer(c, "auto-aof-rewrite-percentage", true, 0, Integer.MAX_VALUE, "100");
    string(c, "bgsave_cpulist", false, "");
    string(c, "bind-source-addr", true, "");
    string(c, "bio_cpulist", false, "");
    integer(c, "busy-reply-threshold|lua-time-limit", true, 0, Long.MAX_VALUE, "5000");
    memory(c, "client-query-buffer-limit", true, 1048576, Long.MAX_VALUE, "1073741824");
    bool(c, "cluster-allow-pubsubshard-when-down", true, "yes");
    bool(c, "cluster-allow-reads-when-down", true, "no");
    bool(c, "cluster-allow-replica-migration", true, "yes");
    integer(c, "cluster-announce-bus-port", true, 0, 65535, "0");
    string(c, "cluster-announce-ip", true, "");
    integer(c, "cluster-announce-port", true, 0, 65535, "0");
    integer(c, "cluster-announce-tls-port", true, 0, 65535, "0");
    string(c, "cluster-config-file", false, "nodes.conf");
    bool(c, "cluster-enabled", false, "no");
    memory(c, "cluster-link-sendbuf-limit", true, 0, Long.MAX_VALUE, "0");
    integer(c, "cluster-migration-barrier", true, 0, Integer.MAX_VALUE, "1");
    integer(c, "cluster-node-timeout", true, 0, Long.MAX_VALUE, "15000");
    integer(c, "cluster-port", false, 0, 65535, "0");
    enumeration(c, "cluster-preferred-endpoint-type", true, List.of("ip", "hostname", "unknown-endpoint"), "ip");
    bool(c, "cluster-replica-no-failover|cluster-slave-no-failover", true, "no");
    integer(c, "cluster-replica-validity-factor|cluster-slave-validity-factor", true, 0, Integer.MAX_VALUE, "10");
    bool(c, "cluster-require-full-coverage", true, "yes");
    bool(c, "crash-log-enabled", true, "yes");
    bool(c, "crash-memcheck-enabled", true, "yes");
    bool(c, "daemonize", false, "no");
    integer(c, "databases", false, 1, Integer.MAX_VALUE, "16");
    bool(c, "disable-thp", false, "yes");
    bool(c, "dynamic-hz", true, "yes");
    enumeration(c, "enable-debug-command", false, List.of("no", "yes", "local"), "no");
    enumeration(c, "enable-module-command", false, List.of("no", "yes", "local"), "no");
    enumeration(c, "enable-protected-configs", false, List.of("no", "yes", "local"), "no");
    integer(c, "hash-max-listpack-entries|hash-max-ziplist-entries", true, 0, Long.MAX_VALUE, "512");
    memory(c, "hash-max-listpack-value|hash-max-ziplist-value", true, 0, Long.MAX_VALUE, "64");
    memory(c, "hll-sparse-max-bytes", true, 0, Long.MAX_VALUE, "3000");
    string(c, "ignore-warnings", true, "");
    integer(c, "io-threads", false, 1, 128, "1");
    bool(c, "io-threads-do-reads", false, "no");
    bool(c, "jemalloc-bg-thread", true, "yes");
    integer(c, "latency-monitor-threshold", true, 0, Long.MAX_VALUE, "0");
    bool(c, "latency-tracking", true, "yes");
    bool(c, "lazyfree-lazy-eviction", true, "no");
    bool(c, "lazyfree-lazy-expire", true, "no");
    bool(c, "lazyfree-lazy-server-del", true, "no");
    bool(c, "lazyfree-lazy-user-del", true, "no");
    bool(c, "lazyfree-lazy-user-flush", true, "no");
    integer(c, "lfu-decay-time", true, 0, Integer.MAX_VALUE, "1");
    integer(c, "lfu-log-factor", true, 0, Integer.MAX_VALUE, "10");
    integer(c, "list-compress-depth", true, 0, Integer.MAX_VALUE, "0");
    integer(c, "list-max-listpack-size|list-max-ziplist-size", true, Integer.MIN_VALUE, Integer.MAX_VALUE, "-2");
    string(c, "logfile", false, "");
    enumeration(c, "loglevel", true, List.of("debug", "verbose", "notice", "warning"), "notice");
    string(c, "masterauth", true, "");
    string(c, "masteruser", true, "");
    integer(c, "maxclients", true, 1, 4294967295L, "10000");
    memory(c, "maxmemory", true, 0, Long.MAX_VALUE, "0");
    memoryOrPercent(c, "maxmemory-clients", true, 0, Long.MAX_VALUE, "0");
    integer(c, "maxmemory-eviction-tenacity", true, 0, 100, "10");
    enumeration(c, "maxmemory-policy", true, List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"), "noeviction");
    integer(c, "maxmemory-samples", true, 1, Integer.MAX_VALUE, "5");
    integer(c, "min-replicas-max-lag|min-slaves-max-lag", true, 0, Integer.MAX_VALUE, "10");
    integer(c, "min-replicas-to-write|min-slaves-to-write", true, 0, Integer.MAX_VALUE, "0");
    bool(c, "no-appendfsync-on-rewrite", true, "no");
    enumeration(c, "oom-score-adj", true, List.of("no", "yes", "relative", "absolute"), "no");
    string(c, "pidfile", false, "");
    enumeration(c, "propagation-error-behavior", true, List.of("ignore", "panic", "panic-on-replicas"), "ignore");
    bool(c, "protected-mode", true, "yes");
    memory(c, "proto-max-bulk-len", true, 1048576, Long.MAX_VALUE, "536870912");
    bool(c, "rdb-del-sync-files", true, "no");
    bool(c, "rdb-save-incremental-fsync", true, "yes");
    bool(c, "rdbchecksum", false, "yes");
    bool(c, "rdbcompression", true, "yes");
    memory(c, "repl-backlog-size", true, 1, Long.MAX_VALUE, "1048576");
    integer(c, "repl-backlog-ttl", true, 0, Long.MAX_VALUE, "3600");
    bool(c, "repl-disable-tcp-nodelay", true, "no");
    enumeration(c, "repl-diskless-load", true, List.of("disabled", "on-empty-db", "swapdb"), "disabled");
    bool(c, "repl-diskless-sync", true, "yes");
    integer(c, "repl-diskless-sync-delay", true, 0, Integer.MAX_VALUE, "5");
    integer(c, "repl-diskless-sync-max-replicas", true, 0, Integer.MAX_VALUE, "0");
    integer(c, "repl-ping-replica-period|repl-ping-slave-period", true, 1, Integer.MAX_VALUE, "10");
    integer(c, "repl-timeout", true, 1, Integer.MAX_VALUE, "60");
    string(c, "replica-announce-ip|slave-announce-ip", true, "");
    integer(c, "replica-announce-port|slave-announce-port", true, 0, 65535, "0");
    bool(c, "replica-announced", true, "yes");
    bool(c, "replica-ignore-disk-write-errors", true, "no");
    bool(c, "replica-ignore-maxmemory|slave-ignore-maxmemory", true, "yes");
    bool(c, "replica-lazy-flush|slave-lazy-flush", true, "no");
    integer(c, "replica-priority|slave-priority", true, 0, Integer.MAX_VALUE, "100");
    bool(c, "replica-read-only|slave-read-only", true, "yes");
    bool(c, "replica-serve-stale-data|slave-serve-stale-data", true, "yes");
    string(c, "requirepass", true, "");
    enumeration(c, "sanitize-dump-payload", true, List.of("no", "yes", "clients"), "no");
    string(c, "server_cpulist", false, "");
    integer(c, "set-max-intset-entries", true, 0, Long.MAX_VALUE, "512");
    bool(c, "set-proc-title", false, "yes");
    enumeration(c, "shutdown-on-sigint", true, List.of("default", "save", "nosave", "now", "force"), "default");
    enumeration(c, "shutdown-on-sigterm", true, List.of("default", "save", "nosave", "now", "force"), "default");
    integer(c, "shutdown-timeout", true, 0, Integer.MAX_VALUE, "10");
    integer(c, "slowlog-log-slower-than", true, -1, Long.MAX_VALUE, "10000");
    integer(c, "slowlog-max-len", true, 0, Long.MAX_VALUE, "128");
    integer(c, "socket-mark-id", false, 0, 4294967295L, "0");
    bool(c, "stop-writes-on-bgsave-error", true, "yes");
    memory(c, "stream-node-max-bytes", true, 0, Long.MAX_VALUE, "4096");
    integer(c, "stream-node-max-entries", true, 0, Long.MAX_VALUE, "100");
    enumeration(c, "supervised", false, List.of("upstart", "systemd", "auto", "no"), "no");
    bool(c, "syslog-enabled", false, "no");
    enumeration(c, "syslog-facility", false, List.of("user", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7"), "local0");
    string(c, "syslog-ident", false, "redis");
    integer(c, "tcp-backlog", false, 0, Integer.MAX_VALUE, "511");
    integer(c, "tcp-keepalive", true, 0, Integer.MAX_VALUE, "300");
    integer(c, "timeout", true, 0, Integer.MAX_VALUE, "0");
    enumeration(c, "tls-auth-clients", true, List.of("no", "yes", "optional"), "yes");
    string(c, "tls-ca-cert-dir", true, "");
    string(c, "tls-ca-cert-file", true, "");
    string(c, "tls-cert-file", true, "");
    string(c, "tls-ciphers", true, "");
    string(c, "tls-ciphersuites", true, "");
    string(c, "tls-client-cert-file", true, "");
    string(c, "tls-client-key-file", true, "");
    string(c, "tls-client-key-file-pass", true, "");
    bool(c, "tls-cluster", true, "no");
    string(c, "tls-dh-params-file", true, "");
    string(c, "tls-key-file", true, "");
    string(c, "tls-key-file-pass", true, "");
    integer(c, "tls-port", true, 0, 65535, "0");
    bool(c, "tls-prefer-server-ciphers", true, "no");
    string(c, "tls-protocols", true, "");
    bool(c, "tls-replication", true, "no");
    integer(c, "tls-session-cache-size", true, 0, Integer.MAX_VALUE, "20480");
    integer(c, "tls-session-cache-timeout", true, 0, Integer.MAX_VALUE, "300");
    bool(c, "tls-session-caching", true, "yes");
    integer(c, "tracking-table-max-keys", true, 0, Long.MAX_VALUE, "1000000");
    string(c, "unixsocket", false, "");
    integer(c, "unixsocketperm", false, 0, 511, "0");
    integer(c, "zset-max-listpack-entries|zset-max-ziplist-entries", true, 0, Long.MAX_VALUE, "128");
    memory(c, "zset-max-listpack-value|zset-max-ziplist-value", true, 0, Long.MAX_VALUE, "64");
  }

  // ---- kinds ---------------------------------------------------------------------------

  /** {@code names} is "name" or "name|alias|alias". */
  static Param bool(ServerConfig c, String names, boolean mutable, String def) {
    return add(c, names, Param.Kind.BOOL, mutable, 0, 1, List.of(), def);
  }

  static Param integer(ServerConfig c, String names, boolean mutable, long min, long max, String def) {
    return add(c, names, Param.Kind.INT, mutable, min, max, List.of(), def);
  }

  static Param memory(ServerConfig c, String names, boolean mutable, long min, long max, String def) {
    return add(c, names, Param.Kind.MEMORY, mutable, min, max, List.of(), def);
  }

  static Param memoryOrPercent(ServerConfig c, String names, boolean mutable, long min, long max, String def) {
    return add(c, names, Param.Kind.MEMORY_PERCENT, mutable, min, max, List.of(), def);
  }

  static Param string(ServerConfig c, String names, boolean mutable, String def) {
    return add(c, names, Param.Kind.STRING, mutable, 0, 0, List.of(), def);
  }

  static Param enumeration(ServerConfig c, String names, boolean mutable, List<String> values, String def) {
    return add(c, names, Param.Kind.ENUM, mutable, 0, 0, values, def);
  }

  /** A parameter with its own syntax; {@code n} gets the current text (null at definition) and the new value. */
  static Param special(ServerConfig c, String names, boolean mutable, String def, SpecialSyntax n) {
    String[] all = names.split("\\|");
    Param[] self = new Param[1];
    Param p = new Param(all[0], List.of(Arrays.copyOfRange(all, 1, all.length)), Param.Kind.SPECIAL, mutable,
        false, 0, 0, List.of(), v -> n.normalize(self[0] == null ? null : self[0].text(), v), def);
    self[0] = p;
    return add(c, p);
  }

  /** A special parameter's parser: the canonical text of {@code value}, given the current text. */
  @FunctionalInterface
  interface SpecialSyntax {
    String normalize(String current, String value);
  }

  private static Param add(ServerConfig c, String names, Param.Kind kind, boolean mutable, long min, long max,
      List<String> values, String def) {
    String[] all = names.split("\\|");
    return add(c, new Param(all[0], List.of(Arrays.copyOfRange(all, 1, all.length)), kind, mutable, min, max,
        values, def));
  }

  private static Param add(ServerConfig c, Param p) {
    c.define(p);
    return p;
  }

  // ---- special syntaxes ------------------------------------------------------------------

  /** hz: an integer 0..INT_MAX, kept within 1..500 as Redis clamps it. */
  static String hz(String current, String v) {
    Long n = ConfigNumbers.parseInteger(v);
    if (n == null) {
      throw new ConfigException("argument couldn't be parsed into an integer");
    }
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new ConfigException("argument must be between 0 and 2147483647 inclusive");
    }
    return Long.toString(Math.max(1, Math.min(500, n)));
  }

  /** Troupe has no active defragmentation, like a Redis built without its Jemalloc. */
  static String activedefrag(String current, String v) {
    String b = v.toLowerCase(Locale.ROOT);
    if (!b.equals("yes") && !b.equals("no")) {
      throw new ConfigException("argument must be 'yes' or 'no'");
    }
    if (b.equals("yes")) {
      throw new ConfigException("Active defragmentation cannot be enabled: it requires a Redis server compiled "
          + "with a modified Jemalloc like the one shipped by default with the Redis source distribution");
    }
    return b;
  }

  /** save: pairs of "seconds changes", both non-negative; "" disables snapshots. */
  static String save(String current, String v) {
    String[] parts = v.trim().isEmpty() ? new String[0] : v.trim().split("\\s+");
    if (parts.length % 2 != 0) {
      throw new ConfigException("Invalid save parameters");
    }
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      long n;
      try {
        n = Long.parseLong(part);
      } catch (NumberFormatException e) {
        throw new ConfigException("Invalid save parameters");
      }
      if (n < 0 || part.startsWith("+")) {
        throw new ConfigException("Invalid save parameters");
      }
      out.add(Long.toString(n));
    }
    return String.join(" ", out);
  }

  /** client-output-buffer-limit: groups of "class hard soft seconds"; other classes keep their limits. */
  static String clientOutputBufferLimit(String current, String v) {
    String[] classes = {"normal", "slave", "pubsub"};
    String[][] limits = new String[3][];
    String[] cur = (current == null ? "normal 0 0 0 slave 0 0 0 pubsub 0 0 0" : current).split(" ");
    for (int i = 0; i < 3; i++) {
      limits[i] = Arrays.copyOfRange(cur, i * 4 + 1, i * 4 + 4);
    }
    String[] parts = v.trim().isEmpty() ? new String[0] : v.trim().split("\\s+");
    if (parts.length % 4 != 0) {
      throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
    }
    for (int g = 0; g < parts.length; g += 4) {
      String cls = parts[g].toLowerCase(Locale.ROOT);
      int idx = switch (cls) {
        case "normal" -> 0;
        case "slave", "replica" -> 1;
        case "pubsub" -> 2;
        default -> throw new ConfigException("Invalid client class specified in buffer limit configuration.");
      };
      long hard = MemoryUnits.parse(parts[g + 1]);
      long soft = MemoryUnits.parse(parts[g + 2]);
      Long seconds = ConfigNumbers.parseInteger(parts[g + 3]);
      if (hard == Long.MIN_VALUE || soft == Long.MIN_VALUE || seconds == null || seconds < 0) {
        throw new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
      }
      limits[idx] = new String[] {Long.toString(hard), Long.toString(soft), Long.toString(seconds)};
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(classes[i]).append(' ').append(String.join(" ", limits[i]));
    }
    return sb.toString();
  }

  static String hostname(String current, String v) {
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (!Character.isLetterOrDigit(ch) && ch != '-' && ch != '.' || ch > 127) {
        throw new ConfigException("Hostnames may only contain alphanumeric characters, hyphens or dots");
      }
    }
    return v;
  }

  static String percentiles(String current, String v) {
    String[] parts = v.trim().isEmpty() ? new String[0] : v.trim().split("\\s+");
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      double d;
      try {
        d = Double.parseDouble(part);
      } catch (NumberFormatException e) {
        throw new ConfigException("Invalid latency-tracking-info-percentiles parameters");
      }
      if (!(d >= 0 && d <= 100)) {
        throw new ConfigException("latency-tracking-info-percentiles parameters should sit between [0.0,100.0]");
      }
      out.add(new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString());
    }
    return String.join(" ", out);
  }

  /** notify-keyspace-events: flag characters, shown in Redis's canonical order ("A" for all classes). */
  static String keyspaceEvents(String current, String v) {
    String classes = "g$lshzxetd";
    boolean[] on = new boolean[128];
    for (char ch : v.toCharArray()) {
      if (ch == 'A') {
        for (char k : classes.toCharArray()) {
          on[k] = true;
        }
      } else if (ch < 128 && "g$lshzxeKEtmdn".indexOf(ch) >= 0) {
        on[ch] = true;
      } else {
        throw new ConfigException("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
      }
    }
    StringBuilder sb = new StringBuilder();
    boolean all = true;
    for (char k : classes.toCharArray()) {
      all &= on[k];
    }
    if (all) {
      // Redis 7.0 drops 'n' from the text after 'A' but keeps the flag on; the
      // notifier reads its flags from this text, so 'n' stays ("AnKE").
      sb.append('A');
      if (on['n']) {
        sb.append('n');
      }
    } else {
      for (char k : (classes + "n").toCharArray()) {
        if (on[k]) {
          sb.append(k);
        }
      }
    }
    for (char k : "KEm".toCharArray()) {
      if (on[k]) {
        sb.append(k);
      }
    }
    return sb.toString();
  }

  static String oomScoreAdjValues(String current, String v) {
    String[] parts = v.trim().isEmpty() ? new String[0] : v.trim().split("\\s+");
    if (parts.length != 3) {
      throw new ConfigException("wrong number of arguments");
    }
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      Long n = ConfigNumbers.parseInteger(part);
      if (n == null || n < -2000 || n > 2000) {
        throw new ConfigException("Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
      }
      out.add(Long.toString(n));
    }
    return String.join(" ", out);
  }

  static String procTitleTemplate(String current, String v) {
    List<String> known = List.of("title", "listen-addr", "server-mode", "port", "tls-port", "unixsocket",
        "config-file");
    String rest = v;
    int open;
    while ((open = rest.indexOf('{')) >= 0) {
      int close = rest.indexOf('}', open);
      if (close < 0 || !known.contains(rest.substring(open + 1, close))) {
        throw new ConfigException("template format is invalid or contains unknown variables");
      }
      rest = rest.substring(close + 1);
    }
    if (v.isEmpty() || rest.indexOf('}') >= 0) {
      throw new ConfigException("template format is invalid or contains unknown variables");
    }
    return v;
  }

  /** dir: an existing directory, shown as an absolute path (Redis shows getcwd()). */
  static String dir(String v) {
    Path p = Path.of(v).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new ConfigException("No such file or directory");
    }
    return p.toString();
  }

  static String dbfilename(String v) {
    if (v.indexOf('/') >= 0) {
      throw new ConfigException("dbfilename can't be a path, just a filename");
    }
    return v;
  }
}
