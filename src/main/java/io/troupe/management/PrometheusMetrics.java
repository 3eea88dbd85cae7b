package io.troupe.management;

import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /metrics} page in Prometheus's text exposition format (0.0.4).
 * Figures are INFO's fields under redis_exporter's names (so its dashboards
 * and alerts work unchanged); an INFO field Troupe does not print is simply
 * absent. Per-shard figures, which INFO has no place for, are
 * {@code troupe_shard_*} with a {@code shard} label.
 */
final class PrometheusMetrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private enum Kind { GAUGE, COUNTER }

  /** One INFO field exported under a redis_exporter name. */
  private record Mapped(String section, String field, String metric, Kind kind) {}

  private static final List<Mapped> FIELDS = List.of(
      // # Server
      gauge("server", "uptime_in_seconds", "uptime_in_seconds"),
      gauge("server", "process_id", "process_id"),
      gauge("server", "hz", "hz"),
      gauge("server", "configured_hz", "configured_hz"),
      // # Clients
      gauge("clients", "connected_clients", "connected_clients"),
      gauge("clients", "blocked_clients", "blocked_clients"),
      gauge("clients", "tracking_clients", "tracking_clients"),
      gauge("clients", "client_recent_max_input_buffer", "client_recent_max_input_buffer_bytes"),
      gauge("clients", "client_recent_max_output_buffer", "client_recent_max_output_buffer_bytes"),
      // # Memory
      gauge("memory", "used_memory", "memory_used_bytes"),
      gauge("memory", "used_memory_rss", "memory_used_rss_bytes"),
      gauge("memory", "used_memory_peak", "memory_used_peak_bytes"),
      gauge("memory", "maxmemory", "memory_max_bytes"),
      gauge("memory", "mem_fragmentation_ratio", "mem_fragmentation_ratio"),
      gauge("memory", "mem_fragmentation_bytes", "mem_fragmentation_bytes"),
      gauge("memory", "lazyfree_pending_objects", "lazyfree_pending_objects"),
      // # Persistence
      gauge("persistence", "loading", "loading_dump_file"),
      gauge("persistence", "rdb_changes_since_last_save", "rdb_changes_since_last_save"),
      gauge("persistence", "rdb_bgsave_in_progress", "rdb_bgsave_in_progress"),
      gauge("persistence", "rdb_last_save_time", "rdb_last_save_timestamp_seconds"),
      gauge("persistence", "rdb_last_bgsave_status", "rdb_last_bgsave_status"),
      gauge("persistence", "rdb_last_bgsave_time_sec", "rdb_last_bgsave_duration_sec"),
      gauge("persistence", "rdb_current_bgsave_time_sec", "rdb_current_bgsave_duration_sec"),
      gauge("persistence", "rdb_last_cow_size", "rdb_last_cow_size_bytes"),
      gauge("persistence", "aof_enabled", "aof_enabled"),
      gauge("persistence", "aof_rewrite_in_progress", "aof_rewrite_in_progress"),
      gauge("persistence", "aof_rewrite_scheduled", "aof_rewrite_scheduled"),
      gauge("persistence", "aof_last_rewrite_time_sec", "aof_last_rewrite_duration_sec"),
      gauge("persistence", "aof_current_rewrite_time_sec", "aof_current_rewrite_duration_sec"),
      gauge("persistence", "aof_last_cow_size", "aof_last_cow_size_bytes"),
      gauge("persistence", "aof_last_bgrewrite_status", "aof_last_bgrewrite_status"),
      gauge("persistence", "aof_last_write_status", "aof_last_write_status"),
      gauge("persistence", "module_fork_in_progress", "module_fork_in_progress"),
      gauge("persistence", "module_fork_last_cow_size", "module_fork_last_cow_size"),
      // # Stats
      counter("stats", "total_connections_received", "connections_received_total"),
      counter("stats", "total_commands_processed", "commands_processed_total"),
      gauge("stats", "instantaneous_ops_per_sec", "instantaneous_ops_per_sec"),
      counter("stats", "rejected_connections", "rejected_connections_total"),
      counter("stats", "total_net_input_bytes", "net_input_bytes_total"),
      counter("stats", "total_net_output_bytes", "net_output_bytes_total"),
      gauge("stats", "sync_full", "replica_resyncs_full"),
      gauge("stats", "sync_partial_ok", "replica_partial_resync_accepted"),
      gauge("stats", "sync_partial_err", "replica_partial_resync_denied"),
      counter("stats", "expired_keys", "expired_keys_total"),
      gauge("stats", "expired_stale_perc", "expired_stale_percentage"),
      counter("stats", "evicted_keys", "evicted_keys_total"),
      counter("stats", "keyspace_hits", "keyspace_hits_total"),
      counter("stats", "keyspace_misses", "keyspace_misses_total"),
      gauge("stats", "pubsub_channels", "pubsub_channels"),
      gauge("stats", "pubsub_patterns", "pubsub_patterns"),
      gauge("stats", "latest_fork_usec", "latest_fork_usec"),
      // # Replication
      gauge("replication", "connected_slaves", "connected_slaves"),
      gauge("replication", "repl_backlog_size", "replication_backlog_bytes"),
      gauge("replication", "repl_backlog_active", "repl_backlog_is_active"),
      gauge("replication", "repl_backlog_first_byte_offset", "repl_backlog_first_byte_offset"),
      gauge("replication", "repl_backlog_histlen", "repl_backlog_history_bytes"),
      gauge("replication", "master_repl_offset", "master_repl_offset"),
      gauge("replication", "second_repl_offset", "second_repl_offset"),
      // # CPU
      counter("cpu", "used_cpu_sys", "cpu_sys_seconds_total"),
      counter("cpu", "used_cpu_user", "cpu_user_seconds_total"),
      counter("cpu", "used_cpu_sys_children", "cpu_sys_children_seconds_total"),
      counter("cpu", "used_cpu_user_children", "cpu_user_children_seconds_total"));

  /** The labels of redis_instance_info, as redis_exporter names them (INFO field names). */
  private static final List<String> INSTANCE_LABELS = List.of("role", "redis_version", "redis_build_id",
      "redis_mode", "os", "maxmemory_policy", "tcp_port", "run_id", "process_id", "master_replid");

  private PrometheusMetrics() {}

  private static Mapped gauge(String section, String field, String metric) {
    return new Mapped(section, field, "redis_" + metric, Kind.GAUGE);
  }

  private static Mapped counter(String section, String field, String metric) {
    return new Mapped(section, field, "redis_" + metric, Kind.COUNTER);
  }

  /** A scrape that could not read INFO: only {@code redis_up 0}, as redis_exporter reports a dead target. */
  static String down() {
    StringBuilder sb = new StringBuilder();
    header(sb, "redis_up", "Whether the node answered INFO.", Kind.GAUGE);
    sb.append("redis_up 0\n");
    return sb.toString();
  }

  /** The page for one scrape: {@code info} is INFO's default sections, parsed. */
  static String render(Map<String, Map<String, String>> info, List<Keyspace> keyspaces, SlotMap slots,
      long nowMillis) {
    StringBuilder sb = new StringBuilder(8192);
    header(sb, "redis_up", "Whether the node answered INFO.", Kind.GAUGE);
    sb.append("redis_up 1\n");

    Map<String, String> labels = new LinkedHashMap<>();
    for (String l : INSTANCE_LABELS) {
      labels.put(l, find(info, l));
    }
    header(sb, "redis_instance_info", "Information about the node (INFO server, memory and replication fields).",
        Kind.GAUGE);
    sample(sb, "redis_instance_info", labels, "1");

    long uptime = InfoFields.number(info, "server", "uptime_in_seconds", -1);
    if (uptime >= 0) {
      header(sb, "redis_start_time_seconds", "Start time of the node, in seconds since the epoch.", Kind.GAUGE);
      sample(sb, "redis_start_time_seconds", Map.of(), Long.toString(nowMillis / 1000 - uptime));
    }

    for (Mapped m : FIELDS) {
      Map<String, String> section = info.get(m.section());
      String raw = section == null ? null : section.get(m.field());
      String value = raw == null ? null : value(m.field(), raw);
      if (value == null) {
        continue;
      }
      header(sb, m.metric(), "INFO " + m.section() + " " + m.field(), m.kind());
      sample(sb, m.metric(), Map.of(), value);
    }

    keyspace(sb, info.getOrDefault("keyspace", Map.of()));
    shards(sb, keyspaces, slots);
    return sb.toString();
  }

  /** redis_db_keys, redis_db_keys_expiring and redis_db_avg_ttl_seconds, labelled db="dbN". */
  private static void keyspace(StringBuilder sb, Map<String, String> keyspace) {
    List<String[]> keys = new ArrayList<>();
    List<String[]> expiring = new ArrayList<>();
    List<String[]> avgTtl = new ArrayList<>();
    for (Map.Entry<String, String> e : keyspace.entrySet()) {
      if (!e.getKey().startsWith("db")) {
        continue;
      }
      Map<String, String> f = InfoFields.subFields(e.getValue());
      String k = number(f.get("keys"));
      String x = number(f.get("expires"));
      if (k == null || x == null) {
        continue;
      }
      keys.add(new String[] {e.getKey(), k});
      expiring.add(new String[] {e.getKey(), x});
      String ttl = number(f.get("avg_ttl"));
      if (ttl != null) {
        avgTtl.add(new String[] {e.getKey(), plain(new BigDecimal(ttl).movePointLeft(3))});
      }
    }
    labelled(sb, "redis_db_keys", "Total number of keys by DB (INFO keyspace).", Kind.GAUGE, "db", keys);
    labelled(sb, "redis_db_keys_expiring", "Total number of expiring keys by DB (INFO keyspace).", Kind.GAUGE,
        "db", expiring);
    labelled(sb, "redis_db_avg_ttl_seconds", "Avg TTL in seconds (INFO keyspace).", Kind.GAUGE, "db", avgTtl);
  }

  /** troupe_shard_*: each shard's slots, keys and counters (all databases). */
  private static void shards(StringBuilder sb, List<Keyspace> keyspaces, SlotMap slots) {
    List<String[]> slotCounts = new ArrayList<>();
    List<String[]> keys = new ArrayList<>();
    List<String[]> expiring = new ArrayList<>();
    List<String[]> hits = new ArrayList<>();
    List<String[]> misses = new ArrayList<>();
    List<String[]> expired = new ArrayList<>();
    List<SlotRanges.Shard> owned = SlotRanges.of(slots);
    for (Keyspace ks : keyspaces) {
      ShardFigures f = ShardFigures.of(ks);
      String shard = Integer.toString(ks.shardIndex());
      int slotCount = 0;
      for (SlotRanges.Shard s : owned) {
        if (s.shard() == ks.shardIndex()) {
          slotCount = s.slotCount();
        }
      }
      slotCounts.add(new String[] {shard, Integer.toString(slotCount)});
      keys.add(new String[] {shard, Long.toString(f.keys())});
      expiring.add(new String[] {shard, Long.toString(f.expires())});
      hits.add(new String[] {shard, Long.toString(f.keyspaceHits())});
      misses.add(new String[] {shard, Long.toString(f.keyspaceMisses())});
      expired.add(new String[] {shard, Long.toString(f.expiredKeys())});
    }
    labelled(sb, "troupe_shard_slots", "Hash slots owned by the shard.", Kind.GAUGE, "shard", slotCounts);
    labelled(sb, "troupe_shard_keys", "Keys held by the shard, all databases.", Kind.GAUGE, "shard", keys);
    labelled(sb, "troupe_shard_keys_expiring", "Keys with a TTL held by the shard, all databases.", Kind.GAUGE,
        "shard", expiring);
    labelled(sb, "troupe_shard_keyspace_hits_total", "Successful key lookups in the shard.", Kind.COUNTER,
        "shard", hits);
    labelled(sb, "troupe_shard_keyspace_misses_total", "Failed key lookups in the shard.", Kind.COUNTER,
        "shard", misses);
    labelled(sb, "troupe_shard_expired_keys_total", "Keys the shard expired.", Kind.COUNTER, "shard", expired);
  }

  private static void labelled(StringBuilder sb, String metric, String help, Kind kind, String label,
      List<String[]> samples) {
    if (samples.isEmpty()) {
      return;
    }
    header(sb, metric, help, kind);
    for (String[] s : samples) {
      sample(sb, metric, Map.of(label, s[0]), s[1]);
    }
  }

  /** The first section that has {@code field}, or "". */
  private static String find(Map<String, Map<String, String>> info, String field) {
    for (Map<String, String> section : info.values()) {
      String v = section.get(field);
      if (v != null) {
        return v;
      }
    }
    return "";
  }

  /** A sample value for an INFO field: numbers as they are, ok/err statuses as 1/0, else null. */
  private static String value(String field, String raw) {
    if (field.endsWith("_status")) {
      return raw.equals("ok") ? "1" : "0";
    }
    return number(raw);
  }

  /** {@code raw} when it is a decimal number (as INFO prints them), else null. */
  private static String number(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return plain(new BigDecimal(raw));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static void header(StringBuilder sb, String metric, String help, Kind kind) {
    sb.append("# HELP ").append(metric).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
        .append('\n');
    sb.append("# TYPE ").append(metric).append(' ').append(kind == Kind.GAUGE ? "gauge" : "counter").append('\n');
  }

  private static void sample(StringBuilder sb, String metric, Map<String, String> labels, String value) {
    sb.append(metric);
    if (!labels.isEmpty()) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
      }
      sb.append('}');
    }
    sb.append(' ').append(value).append('\n');
  }

  /** Prometheus label values escape backslash, double quote and line feed. */
  static String escapeLabel(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
