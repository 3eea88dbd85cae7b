package io.troupe.command;

import java.util.Map;

/**
 * The AOF as commands see it (BGREWRITEAOF, INFO persistence); implemented
 * at the server level over the AOF writer.
 */
public interface AppendOnly {
  /** BGREWRITEAOF: false when a rewrite is already in progress. */
  boolean startRewrite();

  /** INFO persistence: aof_enabled ... aof_last_cow_size, in Redis's order. */
  Map<String, Object> statusFields();

  /** INFO persistence: the size fields Redis lists after module_fork_last_cow_size while the AOF is on. */
  Map<String, Object> sizeFields();

  /** For servers without an AOF writer (tests): never enabled, a rewrite never starts. */
  AppendOnly NONE = new AppendOnly() {
    @Override
    public boolean startRewrite() {
      return false;
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
