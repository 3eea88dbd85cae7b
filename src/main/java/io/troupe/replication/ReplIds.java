package io.troupe.replication;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Replication ids: 40 hex characters (Redis's CONFIG_RUN_ID_SIZE), random per history. */
final class ReplIds {
  static final String NONE = "0000000000000000000000000000000000000000";
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReplIds() {}

  static String random() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static boolean valid(String id) {
    return id.length() == 40;
  }
}
