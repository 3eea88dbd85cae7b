package io.troupe.persistence.aof;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What INFO persistence reports about the AOF, written by the AOF writer and
 * read by any thread (Redis's server.aof_* fields).
 */
public final class AofStatus {
  volatile boolean enabled;
  volatile boolean rewriteInProgress;
  volatile boolean rewriteScheduled;
  volatile long rewriteStartedMillis = -1;
  volatile long lastRewriteSeconds = -1;
  volatile boolean lastRewriteOk = true;
  volatile long rewrites;
  volatile long rewritesConsecutiveFailures;
  volatile boolean lastWriteOk = true;
  volatile long currentSize;
  volatile long baseSize;
  volatile long bufferLength;
  volatile long delayedFsync;

  /** CONFIG SET appendonly: INFO says so at once (Redis's aof_state changes in the command). */
  public void setEnabled(boolean on) {
    enabled = on;
  }

  public boolean enabled() {
    return enabled;
  }

  public boolean rewriteInProgress() {
    return rewriteInProgress;
  }

  /** aof_enabled ... aof_last_cow_size, in INFO's order. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aof_enabled", enabled ? 1 : 0);
    m.put("aof_rewrite_in_progress", rewriteInProgress ? 1 : 0);
    m.put("aof_rewrite_scheduled", rewriteScheduled ? 1 : 0);
    m.put("aof_last_rewrite_time_sec", lastRewriteSeconds);
    long started = rewriteStartedMillis;
    m.put("aof_current_rewrite_time_sec",
        rewriteInProgress && started > 0 ? (System.currentTimeMillis() - started) / 1000 : -1);
    m.put("aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
    m.put("aof_rewrites", rewrites);
    m.put("aof_rewrites_consecutive_failures", rewritesConsecutiveFailures);
    m.put("aof_last_write_status", lastWriteOk ? "ok" : "err");
    m.put("aof_last_cow_size", 0);
    return m;
  }

  /** The fields Redis adds after module_fork_last_cow_size while the AOF is on; empty otherwise. */
  public Map<String, Object> sizeFields() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (enabled) {
      m.put("aof_current_size", currentSize);
      m.put("aof_base_size", baseSize);
      m.put("aof_pending_rewrite", rewriteScheduled ? 1 : 0);
      m.put("aof_buffer_length", bufferLength);
      m.put("aof_pending_bio_fsync", 0);
      m.put("aof_delayed_fsync", delayedFsync);
    }
    return m;
  }
}
