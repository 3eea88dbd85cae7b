package io.troupe.resp;

/**
 * Every error text Troupe sends, byte-identical to Redis 7's (Redis keeps
 * them in {@code shared.*} and in addReplyError calls). Texts are the whole
 * line after '-'.
 */
public final class RespErrors {
  private RespErrors() {}

  public static final String WRONGTYPE =
      "WRONGTYPE Operation against a key holding the wrong kind of value";
  public static final String SYNTAX = "ERR syntax error";
  public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
  public static final String NOT_FLOAT = "ERR value is not a valid float";
  public static final String OVERFLOW = "ERR increment or decrement would overflow";
  public static final String NO_SUCH_KEY = "ERR no such key";
  public static final String DB_INDEX_OUT_OF_RANGE = "ERR DB index is out of range";
  public static final String INVALID_DB_INDEX = "ERR invalid DB index";
  public static final String NOAUTH = "NOAUTH Authentication required.";
  public static final String WRONGPASS =
      "WRONGPASS invalid username-password pair or user is disabled.";
  public static final String AUTH_NO_PASSWORD =
      "ERR AUTH <password> called without any password configured for the default user."
          + " Are you sure your configuration is correct?";
  public static final String SAME_OBJECT = "ERR source and destination objects are the same";
  public static final String INVALID_EXPIRE = "ERR invalid expire time in '%s' command";
  public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
  public static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
  public static final String BIT_VALUE = "ERR bit is not an integer or out of range";
  public static final String OUT_OF_RANGE = "ERR value is out of range, must be positive";
  public static final String INCRBYFLOAT_NAN = "ERR increment would produce NaN or Infinity";
  public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
  public static final String DECREMENT_OVERFLOW = "ERR decrement would overflow";
  public static final String BIT_ARGUMENT = "ERR The bit argument must be 1 or 0.";
  public static final String BITOP_NOT_ONE_KEY = "ERR BITOP NOT must be called with a single source key.";
  public static final String BITFIELD_TYPE =
      "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
  public static final String BITFIELD_OVERFLOW_TYPE = "ERR Invalid OVERFLOW type specified";
  public static final String BITFIELD_RO_GET_ONLY = "ERR BITFIELD_RO only supports the GET subcommand";
  public static final String LCS_NOT_STRINGS = "ERR The specified keys must contain string values";
  public static final String LCS_LEN_AND_IDX =
      "ERR If you want both the length and indexes, please just use IDX.";
  public static final String LCS_NO_MEMORY =
      "ERR Insufficient memory, failed allocating transient memory for LCS";
  public static final String CROSSSLOT =
      "CROSSSLOT Keys in request don't hash to the same slot";
  public static final String EXPIRE_NX_AND_XX_GT_LT =
      "ERR NX and XX, GT or LT options at the same time are not compatible";
  public static final String EXPIRE_GT_AND_LT =
      "ERR GT and LT options at the same time are not compatible";
  public static final String INVALID_CURSOR = "ERR invalid cursor";
  public static final String INT_OUT_OF_RANGE =
      "ERR value is out of range, value must between -2147483648 and 2147483647";
  public static final String INVALID_FIRST_DB_INDEX = "ERR invalid first DB index";
  public static final String INVALID_SECOND_DB_INDEX = "ERR invalid second DB index";

  // ---- hashes and sets (t_hash.c, t_set.c). LIMIT_NEGATIVE, NUMKEYS_NOT_POSITIVE,
  // VALUE_OUT_OF_RANGE and LONG_OUT_OF_RANGE are also added, identically, by the zset group.
  public static final String HASH_VALUE_NOT_INTEGER = "ERR hash value is not an integer";
  public static final String HASH_VALUE_NOT_FLOAT = "ERR hash value is not a float";
  public static final String VALUE_NAN_OR_INFINITY = "ERR value is NaN or Infinity";
  public static final String NUMKEYS_MORE_THAN_ARGS =
      "ERR Number of keys can't be greater than number of args";
  public static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
  public static final String NUMKEYS_NOT_POSITIVE = "ERR numkeys should be greater than 0";
  public static final String VALUE_OUT_OF_RANGE = "ERR value is out of range";
  public static final String LONG_OUT_OF_RANGE =
      "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

  /** EXPIRE's "ERR Unsupported option X" (the option as the client sent it). */
  public static String unsupportedOption(byte[] option) {
    return "ERR Unsupported option "
        + sanitize(new String(option, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  public static String wrongArgs(String command) {
    return "ERR wrong number of arguments for '" + command + "' command";
  }

  /** "ERR unknown command 'x', with args beginning with: 'a' 'b' " as Redis 7 words it. */
  public static String unknownCommand(byte[][] argv) {
    StringBuilder args = new StringBuilder();
    for (int i = 1; i < argv.length && args.length() < 128; i++) {
      int remaining = 128 - args.length();
      String a = sanitize(new String(argv[i], java.nio.charset.StandardCharsets.ISO_8859_1));
      if (a.length() > remaining) {
        a = a.substring(0, remaining);
      }
      args.append('\'').append(a).append("' ");
    }
    String name = sanitize(new String(argv[0], java.nio.charset.StandardCharsets.ISO_8859_1));
    if (name.length() > 128) {
      name = name.substring(0, 128);
    }
    return "ERR unknown command '" + name + "', with args beginning with: " + args;
  }

  /** "ERR unknown subcommand 'x'. Try CONTAINER HELP." */
  public static String unknownSubcommand(String container, byte[] sub) {
    String s = sanitize(new String(sub, java.nio.charset.StandardCharsets.ISO_8859_1));
    if (s.length() > 128) {
      s = s.substring(0, 128);
    }
    return "ERR unknown subcommand '" + s + "'. Try " + container.toUpperCase() + " HELP.";
  }

  /** Redis replaces CR and LF in error texts with spaces so a reply stays one line. */
  public static String sanitize(String s) {
    if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
