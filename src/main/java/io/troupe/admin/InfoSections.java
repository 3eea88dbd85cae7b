package io.troupe.admin;

import io.troupe.command.ClientInfo;
import io.troupe.command.ServerContext;
import io.troupe.command.ServerStats;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Evictor;
import io.troupe.keyspace.Database;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.ShardStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text of INFO (Redis's genRedisInfoString): sections in Redis's order,
 * each "# Name" then "field:value" lines, CRLF line ends, a blank line
 * between sections and none after the last.
 *
 * <p>Figures that no shard owns are read from the shards' counters without a
 * message (a moment stale, never torn). Troupe has no persistence, replication,
 * modules or cluster bus yet: those sections say so truthfully (nothing in
 * progress, no saves, role master, no replicas). commandstats and
 * latencystats come only with "all", "everything" or by name, as in Redis.
 */
public final class InfoSections {
  /** The Redis version whose behaviour Troupe reproduces (as server.Version.REDIS). */
  static final String REDIS_VERSION = "7.0.15";

  /** Sections in output order; "default", "all" and "everything" select all of them. */
  public static final List<String> SECTIONS = List.of("server", "clients", "memory", "persistence", "stats",
      "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");

  /** What INFO and INFO default show: all but commandstats and latencystats. */
  public static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
      "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");

  private InfoSections() {}

  /** The sections INFO's arguments select, in output order (unknown names are ignored, as in Redis). */
  public static Set<String> select(List<String> args) {
    Set<String> wanted = new LinkedHashSet<>();
    if (args.isEmpty()) {
      wanted.addAll(DEFAULT);
    }
    for (String a : args) {
      String s = a.toLowerCase(Locale.ROOT);
      if (s.equals("default")) {
        wanted.addAll(DEFAULT);
      } else if (s.equals("all") || s.equals("everything")) {
        wanted.addAll(SECTIONS);
      } else if (SECTIONS.contains(s)) {
        wanted.add(s);
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String s : SECTIONS) {
      if (wanted.contains(s)) {
        ordered.add(s);
      }
    }
    return ordered;
  }

  /** The INFO text of {@code sections} (INFO's own generator; management/ reads it too). */
  public static String render(ServerContext server, Set<String> sections) {
    StringBuilder sb = new StringBuilder();
    for (String s : sections) {
      if (sb.length() > 0) {
        sb.append("\r\n");
      }
      switch (s) {
        case "server" -> server(sb, server);
        case "clients" -> clients(sb, server);
        case "memory" -> memory(sb, server);
        case "persistence" -> persistence(sb, server);
        case "stats" -> stats(sb, server);
        case "replication" -> replication(sb, server);
        case "cpu" -> cpu(sb);
        case "modules" -> sb.append("# Modules\r\n");
        case "commandstats" -> commandStats(sb, server);
        case "errorstats" -> errorStats(sb, server);
        case "latencystats" -> latencyStats(sb, server);
        case "cluster" -> sb.append("# Cluster\r\ncluster_enabled:0\r\n");
        case "keyspace" -> keyspace(sb, server);
        default -> throw new IllegalArgumentException(s);
      }
    }
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name, Object value) {
    sb.append(name).append(':').append(value).append("\r\n");
  }

  private static void server(StringBuilder sb, ServerContext server) {
    ServerConfig config = server.config();
    Instant now = Instant.now();
    long uptime = (now.toEpochMilli() - server.startTimeMillis()) / 1000;
    sb.append("# Server\r\n");
    field(sb, "redis_version", REDIS_VERSION);
    field(sb, "redis_git_sha1", "00000000");
    field(sb, "redis_git_dirty", 0);
    field(sb, "redis_build_id", Long.toHexString(("troupe-" + REDIS_VERSION).hashCode() & 0xffffffffL));
    field(sb, "redis_mode", "standalone");
    String arch = System.getProperty("os.arch", "");
    field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + (arch.equals("amd64") ? "x86_64" : arch));
    field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
    field(sb, "monotonic_clock", "POSIX clock_gettime");
    field(sb, "multiplexing_api", multiplexingApi());
    // Troupe's shared counters are java.util.concurrent atomics, not C11 builtins.
    field(sb, "atomicvar_api", "jvm");
    // Redis prints 0.0.0 when not built by GCC; Troupe is not.
    field(sb, "gcc_version", "0.0.0");
    field(sb, "process_id", ProcessHandle.current().pid());
    field(sb, "process_supervised", "no");
    field(sb, "run_id", server.runId());
    field(sb, "tcp_port", config.port());
    field(sb, "server_time_usec", now.getEpochSecond() * 1_000_000 + now.getNano() / 1000);
    field(sb, "uptime_in_seconds", uptime);
    field(sb, "uptime_in_days", uptime / 86400);
    field(sb, "hz", config.getLong("hz"));
    field(sb, "configured_hz", config.getLong("hz"));
    field(sb, "lru_clock", (now.getEpochSecond()) & 0xFFFFFF);
    field(sb, "executable", ProcessHandle.current().info().command().orElse(""));
    field(sb, "config_file", server.configFile() == null ? "" : server.configFile());
    field(sb, "io_threads_active", 0);
  }

  private static String multiplexingApi() {
    String p = java.nio.channels.spi.SelectorProvider.provider().getClass().getSimpleName().toLowerCase(Locale.ROOT);
    return p.contains("epoll") ? "epoll" : p.contains("kqueue") ? "kqueue" : p.contains("poll") ? "poll" : "select";
  }

  private static void clients(StringBuilder sb, ServerContext server) {
    long maxIn = 0;
    long maxOut = 0;
    int connected = 0;
    for (ClientInfo c : server.clients()) {
      connected++;
      maxIn = Math.max(maxIn, c.queryBufferBytes);
      maxOut = Math.max(maxOut, c.outputBufferBytes);
    }
    sb.append("# Clients\r\n");
    field(sb, "connected_clients", connected);
    field(sb, "cluster_connections", 0);
    field(sb, "maxclients", server.config().getLong("maxclients"));
    field(sb, "client_recent_max_input_buffer", maxIn);
    field(sb, "client_recent_max_output_buffer", maxOut);
    field(sb, "blocked_clients", server.clients().stream().filter(c -> c.blocked).count());
    field(sb, "tracking_clients", server.introspection().tracking().clientCount());
    field(sb, "clients_in_timeout_table", 0);
  }

  /**
   * used_memory: the shards' estimates of their keys and values plus a fixed
   * baseline ({@link Evictor#usedMemory}), the figure maxmemory is held to.
   * The JVM heap also holds garbage and the server's own objects, which an
   * operator sees in used_memory_rss and the fragmentation ratio.
   */
  static long usedMemory(ServerContext server) {
    return Evictor.usedMemory(server.keyspaces());
  }

  private static void memory(StringBuilder sb, ServerContext server) {
    // used_memory is what maxmemory is held to: the shards' estimates of their
    // data plus a baseline; used_memory_rss the memory committed by the JVM
    // for heap and non-heap (there is no allocator beside the JVM's), so the
    // fragmentation ratio includes garbage not yet collected and the JVM's
    // own structures, as Redis's includes allocator overhead.
    long used = usedMemory(server);
    long peak = AdminState.of(server).peak(used);
    java.lang.management.MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long rss = mem.getHeapMemoryUsage().getCommitted() + mem.getNonHeapMemoryUsage().getCommitted();
    long total = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      total = os.getTotalMemorySize();
    }
    long maxmemory = server.config().getLong("maxmemory");
    sb.append("# Memory\r\n");
    field(sb, "used_memory", used);
    field(sb, "used_memory_human", bytesToHuman(used));
    field(sb, "used_memory_rss", rss);
    field(sb, "used_memory_rss_human", bytesToHuman(rss));
    field(sb, "used_memory_peak", peak);
    field(sb, "used_memory_peak_human", bytesToHuman(peak));
    field(sb, "used_memory_peak_perc", String.format(Locale.ROOT, "%.2f%%", peak == 0 ? 0.0 : 100.0 * used / peak));
    field(sb, "total_system_memory", total);
    field(sb, "total_system_memory_human", bytesToHuman(total));
    field(sb, "maxmemory", maxmemory);
    field(sb, "maxmemory_human", bytesToHuman(maxmemory));
    field(sb, "maxmemory_policy", server.config().getString("maxmemory-policy"));
    field(sb, "mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", used == 0 ? 0.0 : (double) rss / used));
    field(sb, "mem_fragmentation_bytes", rss - used);
    field(sb, "mem_allocator", "jvm");
    field(sb, "lazyfree_pending_objects", 0);
  }

  /** Redis's bytesToHuman: 512B, 894.85K, 6.37M, 23.54G, ... */
  static String bytesToHuman(long n) {
    String[] units = {"K", "M", "G", "T", "P"};
    if (n < 1024) {
      return n + "B";
    }
    long scale = 1024;
    for (String u : units) {
      if (n / 1024 < scale) {
        return String.format(Locale.ROOT, "%.2f%s", (double) n / scale, u);
      }
      scale *= 1024;
    }
    return n + "B";
  }

  private static void persistence(StringBuilder sb, ServerContext server) {
    long dirty = 0;
    for (Keyspace ks : server.keyspaces()) {
      dirty += ks.stats().dirty;
    }
    // SAVE is synchronous: nothing is ever loading or saving an RDB in the background.
    io.troupe.keyspace.ShardStats first = server.keyspaces().get(0).stats();
    sb.append("# Persistence\r\n");
    field(sb, "loading", 0);
    field(sb, "async_loading", 0);
    field(sb, "current_cow_peak", 0);
    field(sb, "current_cow_size", 0);
    field(sb, "current_cow_size_age", 0);
    field(sb, "current_fork_perc", "0.00");
    field(sb, "current_save_keys_processed", 0);
    field(sb, "current_save_keys_total", 0);
    field(sb, "rdb_changes_since_last_save", dirty);
    field(sb, "rdb_bgsave_in_progress", 0);
    field(sb, "rdb_last_save_time", PersistenceCommands.lastSave(server));
    field(sb, "rdb_last_bgsave_status", "ok");
    field(sb, "rdb_last_bgsave_time_sec", -1);
    field(sb, "rdb_current_bgsave_time_sec", -1);
    field(sb, "rdb_saves", first.rdbSaves);
    field(sb, "rdb_last_cow_size", 0);
    field(sb, "rdb_last_load_keys_expired", first.lastLoadKeysExpired);
    field(sb, "rdb_last_load_keys_loaded", first.lastLoadKeysLoaded);
    server.appendOnly().statusFields().forEach((k, v) -> field(sb, k, v));
    field(sb, "module_fork_in_progress", 0);
    field(sb, "module_fork_last_cow_size", 0);
    server.appendOnly().sizeFields().forEach((k, v) -> field(sb, k, v));
  }

  private static void stats(StringBuilder sb, ServerContext server) {
    ServerStats st = server.stats();
    long hits = 0;
    long misses = 0;
    long expired = 0;
    long expireCpuMicros = 0;
    long evicted = 0;
    for (Keyspace ks : server.keyspaces()) {
      ShardStats s = ks.stats();
      evicted += s.evictedKeys;
      hits += s.keyspaceHits;
      misses += s.keyspaceMisses;
      expired += s.expiredKeys;
      expireCpuMicros += s.expireCycleCpuMicros;
    }
    long commands = st.commandsProcessed.sum();
    sb.append("# Stats\r\n");
    field(sb, "total_connections_received", st.connectionsReceived.sum());
    field(sb, "total_commands_processed", commands);
    field(sb, "instantaneous_ops_per_sec", AdminState.of(server).opsPerSec(System.currentTimeMillis(), commands));
    field(sb, "rejected_connections", st.rejectedConnections.sum());
    Map<String, Object> sync = server.replication().statsFields();
    field(sb, "sync_full", sync.getOrDefault("sync_full", 0));
    field(sb, "sync_partial_ok", sync.getOrDefault("sync_partial_ok", 0));
    field(sb, "sync_partial_err", sync.getOrDefault("sync_partial_err", 0));
    field(sb, "expired_keys", expired);
    field(sb, "expire_cycle_cpu_milliseconds", expireCpuMicros / 1000);
    field(sb, "evicted_keys", evicted);
    field(sb, "evicted_clients", 0);
    field(sb, "keyspace_hits", hits);
    field(sb, "keyspace_misses", misses);
    field(sb, "pubsub_channels", 0);
    field(sb, "pubsub_patterns", 0);
    field(sb, "pubsubshard_channels", 0);
    field(sb, "latest_fork_usec", 0);
    field(sb, "total_forks", 0);
    long trackedKeys = 0;
    long trackedItems = 0;
    for (Keyspace ks : server.keyspaces()) {
      io.troupe.keyspace.TrackingTable t = ks.watched().tracking();
      if (t != null) {
        trackedKeys += t.keyCount();
        trackedItems += t.itemCount();
      }
    }
    field(sb, "tracking_total_keys", trackedKeys);
    field(sb, "tracking_total_items", trackedItems);
    field(sb, "tracking_total_prefixes", server.introspection().tracking().prefixCount());
    field(sb, "unexpected_error_replies", st.unexpectedErrorReplies.sum());
    field(sb, "total_error_replies", st.totalErrorReplies.sum());
  }

  private static void commandStats(StringBuilder sb, ServerContext server) {
    sb.append("# Commandstats\r\n");
    for (io.troupe.command.CommandStats.Entry e : server.introspection().commandStats().used()) {
      long calls = e.calls();
      long usec = e.micros();
      field(sb, "cmdstat_" + e.name, "calls=" + calls + ",usec=" + usec + ",usec_per_call="
          + String.format(Locale.ROOT, "%.2f", calls == 0 ? 0.0 : (double) usec / calls)
          + ",rejected_calls=" + e.rejectedCalls() + ",failed_calls=" + e.failedCalls());
    }
  }

  private static void errorStats(StringBuilder sb, ServerContext server) {
    sb.append("# Errorstats\r\n");
    for (java.util.Map.Entry<String, Long> e : server.introspection().commandStats().errors().entrySet()) {
      field(sb, "errorstat_" + e.getKey(), "count=" + e.getValue());
    }
  }

  /** latency_percentiles_usec_<cmd>:p50=..,p99=..,p99.9=.. for latency-tracking-info-percentiles. */
  private static void latencyStats(StringBuilder sb, ServerContext server) {
    sb.append("# Latencystats\r\n");
    if (!server.config().getBool("latency-tracking")) {
      return;
    }
    String[] percentiles = server.config().getString("latency-tracking-info-percentiles").trim().split("\\s+");
    for (io.troupe.command.CommandStats.Entry e : server.introspection().commandStats().used()) {
      io.troupe.command.LatencyHistogram h = e.histogram();
      if (h == null || h.totalCount() == 0) {
        continue;
      }
      StringBuilder v = new StringBuilder();
      for (String p : percentiles) {
        if (p.isEmpty()) {
          continue;
        }
        double pct = Double.parseDouble(p);
        if (v.length() > 0) {
          v.append(',');
        }
        v.append('p').append(trimDouble(String.format(Locale.ROOT, "%f", pct))).append('=')
            .append(String.format(Locale.ROOT, "%.3f", h.valueAtPercentile(pct) / 1000.0));
      }
      field(sb, "latency_percentiles_usec_" + e.name, v);
    }
  }

  /** Redis's trimDoubleString: "99.900000" → "99.9", "50.000000" → "50". */
  static String trimDouble(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  private static void replication(StringBuilder sb, ServerContext server) {
    sb.append("# Replication\r\n");
    Map<String, Object> repl = server.replication().infoFields();
    if (!repl.isEmpty()) {
      repl.forEach((k, v) -> field(sb, k, v));
      return;
    }
    field(sb, "role", "master");
    field(sb, "connected_slaves", 0);
    field(sb, "master_failover_state", "no-failover");
    field(sb, "master_replid", AdminState.of(server).replId);
    field(sb, "master_replid2", "0000000000000000000000000000000000000000");
    field(sb, "master_repl_offset", 0);
    field(sb, "second_repl_offset", -1);
    field(sb, "repl_backlog_active", 0);
    field(sb, "repl_backlog_size", server.config().getLong("repl-backlog-size"));
    field(sb, "repl_backlog_first_byte_offset", 0);
    field(sb, "repl_backlog_histlen", 0);
  }

  private static void cpu(StringBuilder sb) {
    // The process's CPU time from the OS bean; its user share is the sum of
    // the live threads' user times (ThreadMXBean), system time the rest.
    long totalNanos = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      totalNanos = Math.max(0, os.getProcessCpuTime());
    }
    long userNanos = 0;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads.isThreadCpuTimeSupported()) {
      for (long id : threads.getAllThreadIds()) {
        long t = threads.getThreadUserTime(id);
        if (t > 0) {
          userNanos += t;
        }
      }
    }
    userNanos = Math.min(userNanos, totalNanos);
    sb.append("# CPU\r\n");
    field(sb, "used_cpu_sys", seconds(totalNanos - userNanos));
    field(sb, "used_cpu_user", seconds(userNanos));
    field(sb, "used_cpu_sys_children", "0.000000");
    field(sb, "used_cpu_user_children", "0.000000");
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
  }

  private static void keyspace(StringBuilder sb, ServerContext server) {
    sb.append("# Keyspace\r\n");
    int dbs = server.config().databases();
    List<Keyspace> keyspaces = server.keyspaces();
    for (int d = 0; d < dbs; d++) {
      long keys = 0;
      long expires = 0;
      for (Keyspace ks : keyspaces) {
        if (d < ks.databases()) {
          Database db = ks.db(d);
          keys += db.size();
          expires += db.volatileCount();
        }
      }
      if (keys > 0) {
        // avg_ttl is 0 as Redis shows it before its expire cycle has estimated one.
        field(sb, "db" + d, "keys=" + keys + ",expires=" + expires + ",avg_ttl=0");
      }
    }
  }
}
