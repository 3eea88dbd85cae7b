package io.troupe.connection;

import java.nio.charset.StandardCharsets;

/**
 * How commands are shown to MONITOR and the slow log: Redis's monitor line
 * ({@code +1339518083.107412 [0 127.0.0.1:60866] "keys" "*"}, arguments quoted
 * as sdscatrepr quotes them) and the redaction of secrets (AUTH's arguments,
 * HELLO's AUTH username and password).
 */
final class Introspect {
  private Introspect() {}

  private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

  /** {@code argv} with passwords replaced by "(redacted)", as Redis's redactClientCommandArgument. */
  static byte[][] redacted(byte[][] argv) {
    if (argv.length > 1 && Args.is(argv[0], "AUTH")) {
      byte[][] out = argv.clone();
      for (int i = 1; i < out.length; i++) {
        out[i] = REDACTED;
      }
      return out;
    }
    if (argv.length > 1 && Args.is(argv[0], "HELLO")) {
      byte[][] out = null;
      for (int i = 2; i < argv.length; i++) {
        if (Args.is(argv[i], "AUTH") && i + 2 < argv.length) {
          out = out == null ? argv.clone() : out;
          out[i + 1] = REDACTED;
          out[i + 2] = REDACTED;
          i += 2;
        }
      }
      return out == null ? argv : out;
    }
    return argv;
  }

  /** The MONITOR line (without the leading '+'; sent as a status reply) for a command run at {@code micros}. */
  static String monitorLine(long micros, int db, String addr, byte[][] argv) {
    StringBuilder sb = new StringBuilder(64);
    sb.append(micros / 1_000_000).append('.');
    String frac = Long.toString(micros % 1_000_000);
    for (int i = frac.length(); i < 6; i++) {
      sb.append('0');
    }
    sb.append(frac).append(" [").append(db).append(' ').append(addr).append(']');
    for (byte[] a : argv) {
      sb.append(' ');
      repr(sb, a);
    }
    return sb.toString();
  }

  /** sdscatrepr: a quoted string with \\, ", \n \r \t \a \b escaped and other non-printables as \xHH. */
  static void repr(StringBuilder sb, byte[] s) {
    sb.append('"');
    for (byte b : s) {
      int c = b & 0xFF;
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
          }
        }
      }
    }
    sb.append('"');
  }
}
