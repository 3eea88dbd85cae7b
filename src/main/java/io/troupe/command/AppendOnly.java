package io.troupe.command;

import java.util.Map;

/**
 * The AOF as commands see it (BGREWRITEAOF, INFO persistence); implemented
 * at the server level over the AOF writer.
 */
public interface AppendOnly {
  /** What BGREWRITEAOF did. */
  enum RewriteStart {
    /** The rewrite began. */
    STARTED,
    /** A BGSAVE holds the background slot: the rewrite starts when it ends. */
    SCHEDULED,
    /** A rewrite is already running. */
    IN_PROGRESS
  }

  /** BGREWRITEAOF. */
  RewriteStart startRewrite();

  /** INFO persistence: aof_enabled ... aof_last_cow_size, in Redis's order. */
  Map<String, Object> statusFields();

  /** INFO persistence: the size fields Redis lists after module_fork_last_cow_size while the AOF is on. */
  Map<String, Object> sizeFields();

  /** For servers without an AOF writer (tests): never enabled, a rewrite never starts. */
  AppendOnly NONE = new AppendOnly() {
    @Override
    public RewriteStart startRewrite() {
      return RewriteStart.IN_PROGRESS;
    }

    @Override
    public Map<String, Object> statusFields() {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("aof_enabled", 0);
      m.put("aof_rewrite_in_progress", 0);
      m.put("aof_rewrite_scheduled", 0);
      m.put("aof_last_rewrite_time_sec", -1);
      m.put("aof_current_rewrite_time_sec", -1);
      m.put("aof_last_bgrewrite_status", "ok");
      m.put("aof_rewrites", 0);
      m.put("aof_rewrites_consecutive_failures", 0);
      m.put("aof_last_write_status", "ok");
      m.put("aof_last_cow_size", 0);
      return m;
    }

    @Override
    public Map<String, Object> sizeFields() {
      return Map.of();
    }
  };
}
