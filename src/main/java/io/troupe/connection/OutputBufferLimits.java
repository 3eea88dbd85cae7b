package io.troupe.connection;

import io.troupe.config.Param;

/**
 * client-output-buffer-limit for one connection: a hard limit that closes the
 * client at once, and a soft limit that closes it when exceeded for longer
 * than its seconds. The class is "pubsub" while the client is subscribed,
 * "replica" for a replica's feed, "normal" otherwise. Limits are read from
 * the parameter each check, so CONFIG SET applies to open connections.
 */
final class OutputBufferLimits {
  private final Param param;
  private long softSince = -1;

  OutputBufferLimits(Param param) {
    this.param = param;
  }

  /** True when a client holding {@code pending} unsent bytes must be closed. */
  boolean exceeded(String clazz, long pending, long nowMillis) {
    long[] l = limits(param.text(), clazz);
    long hard = l[0];
    long soft = l[1];
    long softSeconds = l[2];
    if (hard > 0 && pending >= hard) {
      return true;
    }
    if (soft > 0 && pending >= soft) {
      if (softSince < 0) {
        softSince = nowMillis;
      }
      return nowMillis - softSince >= softSeconds * 1000;
    }
    softSince = -1;
    return false;
  }

  /** Everything pending went out. */
  void drained() {
    softSince = -1;
  }

  /** {hard, soft, softSeconds} of {@code clazz} in a client-output-buffer-limit value. */
  static long[] limits(String value, String clazz) {
    String[] f = value.trim().split("\\s+");
    for (int i = 0; i + 3 < f.length; i += 4) {
      String c = f[i].equals("slave") ? "replica" : f[i];
      if (c.equals(clazz)) {
        return new long[] {Long.parseLong(f[i + 1]), Long.parseLong(f[i + 2]), Long.parseLong(f[i + 3])};
      }
    }
    return new long[] {0, 0, 0};
  }
}
