package io.troupe.persistence.rdb;

import io.troupe.config.ServerConfig;
import io.troupe.type.zset.ZSetType;

/**
 * The encoding thresholds loaded values are built with, read from the
 * configuration at load time (as Redis converts a loaded listpack hash that is
 * over hash-max-listpack-entries to a hashtable).
 */
public record ValueLimits(int listFill, long hashMaxEntries, long hashMaxValue, long setMaxIntsetEntries,
    ZSetType.Limits zset) {

  /** Redis 7.0's defaults. */
  public static final ValueLimits DEFAULTS = new ValueLimits(-2, 512, 64, 512, new ZSetType.Limits(128, 64));

  public static ValueLimits from(ServerConfig c) {
    return new ValueLimits((int) c.getLong("list-max-listpack-size"), c.getLong("hash-max-listpack-entries"),
        c.getLong("hash-max-listpack-value"), c.getLong("set-max-intset-entries"),
        new ZSetType.Limits(c.getLong("zset-max-listpack-entries"), c.getLong("zset-max-listpack-value")));
  }
}
