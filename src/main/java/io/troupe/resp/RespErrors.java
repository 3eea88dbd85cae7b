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
  /** A RESP2 client in subscribed mode ran something other than (P|S)(UN)SUBSCRIBE, PING, QUIT, RESET. */
  public static String subscribedMode(String command) {
    return "ERR Can't execute '" + command + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
        + " are allowed in this context";
  }

  public static final String MAX_CLIENTS = "ERR max number of clients reached";
  public static final String MULTI_NESTED = "ERR MULTI calls can not be nested";
  public static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
  public static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
  public static final String WATCH_INSIDE_MULTI = "ERR WATCH inside MULTI is not allowed";
  public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
  public static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
  public static final String NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";
  public static final String EXPIRE_NX_AND_XX_GT_LT =
      "ERR NX and XX, GT or LT options at the same time are not compatible";
  public static final String EXPIRE_GT_AND_LT =
      "ERR GT and LT options at the same time are not compatible";
  public static final String INVALID_CURSOR = "ERR invalid cursor";
  public static final String INT_OUT_OF_RANGE =
      "ERR value is out of range, value must between -2147483648 and 2147483647";
  public static final String INVALID_FIRST_DB_INDEX = "ERR invalid first DB index";
  public static final String INVALID_SECOND_DB_INDEX = "ERR invalid second DB index";
  // HyperLogLog, SORT, OBJECT
  public static final String HLL_WRONGTYPE = "WRONGTYPE Key is not a valid HyperLogLog string value.";
  public static final String HLL_INVALIDOBJ = "INVALIDOBJ Corrupted HLL object detected";
  public static final String SORT_NOT_DOUBLE = "ERR One or more scores can't be converted into double";
  public static final String OBJECT_FREQ_NOT_LFU =
      "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that"
          + " when switching between policies at runtime LRU and LFU data will take some time to adjust.";
  public static final String OBJECT_IDLETIME_LFU =
      "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when"
          + " switching between policies at runtime LRU and LFU data will take some time to adjust.";

  // ---- sorted sets (t_zset.c); the timeout, numkeys and count texts are shared with
  // the other blocking / *MPOP commands.
  public static final String ZADD_XX_AND_NX =
      "ERR XX and NX options at the same time are not compatible";
  public static final String ZADD_GT_LT_NX =
      "ERR GT, LT, and/or NX options at the same time are not compatible";
  public static final String ZADD_INCR_PAIR =
      "ERR INCR option supports a single increment-element pair";
  public static final String SCORE_NAN = "ERR resulting score is not a number (NaN)";
  public static final String MIN_MAX_NOT_FLOAT = "ERR min or max is not a float";
  public static final String MIN_MAX_NOT_LEX = "ERR min or max not valid string range item";
  public static final String ZRANGE_LIMIT_NEEDS_BY =
      "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
  public static final String ZRANGE_WITHSCORES_BYLEX =
      "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
  public static final String WEIGHT_NOT_FLOAT = "ERR weight value is not a float";
  public static final String LIMIT_NEGATIVE = "ERR LIMIT can't be negative";
  public static final String NUMKEYS_NOT_POSITIVE = "ERR numkeys should be greater than 0";
  public static final String COUNT_NOT_POSITIVE = "ERR count should be greater than 0";
  public static final String TIMEOUT_NOT_FLOAT = "ERR timeout is not a float or out of range";
  public static final String TIMEOUT_NEGATIVE = "ERR timeout is negative";
  public static final String VALUE_OUT_OF_RANGE = "ERR value is out of range";
  public static final String LONG_OUT_OF_RANGE =
      "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";

  /** "ERR at least 1 input key is needed for 'zunion' command". */
  public static String atLeastOneInputKey(String command) {
    return "ERR at least 1 input key is needed for '" + command + "' command";
  }

  // lists (type/list)
  public static final String INDEX_OUT_OF_RANGE = "ERR index out of range";
  public static final String LPOS_RANK_ZERO =
      "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use"
          + " negative to start from the end of the list";
  public static final String LPOS_COUNT_NEGATIVE = "ERR COUNT can't be negative";
  public static final String LPOS_MAXLEN_NEGATIVE = "ERR MAXLEN can't be negative";

  // ---- hashes and sets (t_hash.c, t_set.c). LIMIT_NEGATIVE, NUMKEYS_NOT_POSITIVE,
  // VALUE_OUT_OF_RANGE and LONG_OUT_OF_RANGE are also added, identically, by the zset group.
  public static final String HASH_VALUE_NOT_INTEGER = "ERR hash value is not an integer";
  public static final String HASH_VALUE_NOT_FLOAT = "ERR hash value is not a float";
  public static final String VALUE_NAN_OR_INFINITY = "ERR value is NaN or Infinity";
  public static final String NUMKEYS_MORE_THAN_ARGS =
      "ERR Number of keys can't be greater than number of args";

  /** EXPIRE's "ERR Unsupported option X" (the option as the client sent it). */
  public static String unsupportedOption(byte[] option) {
    return "ERR Unsupported option "
        + sanitize(new String(option, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  public static final String DEBUG_NOT_ALLOWED = "ERR DEBUG command not allowed. If the enable-debug-command option "
      + "is set to \"local\", you can run it from a local connection, otherwise you need to set this option in the "
      + "configuration file, and then restart the server.";
  public static final String NO_SHUTDOWN_IN_PROGRESS = "ERR No shutdown in progress.";
  /** Redis's shared.err: a bare "-ERR" (SAVE failing; the reason is in the log). */
  public static final String ERR = "ERR";
  public static final String DEBUG_RELOAD_LOAD_FAILED = "ERR Error trying to load the RDB dump, check server logs.";
  public static final String SHUTDOWN_FAILED = "ERR Errors trying to SHUTDOWN. Check logs.";

  /** "ERR Unknown option or number of arguments for CONFIG SET - 'foo'" */
  public static String configSetUnknown(String name) {
    return "ERR Unknown option or number of arguments for CONFIG SET - '" + sanitize(name) + "'";
  }

  /** "ERR CONFIG SET failed (possibly related to argument 'hz') - reason" */
  public static String configSetFailed(String name, String reason) {
    return "ERR CONFIG SET failed (possibly related to argument '" + sanitize(name) + "') - " + reason;
  }

  /** "ERR unknown subcommand or wrong number of arguments for 'x'. Try DEBUG HELP." */
  public static String subcommandSyntax(String container, String sub) {
    return "ERR unknown subcommand or wrong number of arguments for '" + sanitize(sub) + "'. Try "
        + container.toUpperCase() + " HELP.";
  }

  public static final String NOAUTH_HELLO =
      "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO"
          + " AUTH <user> <pass> option can be used to authenticate the client and select the RESP"
          + " protocol version at the same time";
  public static final String NOPROTO = "NOPROTO unsupported protocol version";
  public static final String PROTOCOL_VERSION_NOT_INTEGER =
      "ERR Protocol version is not an integer or out of range";
  public static final String CLIENT_NAME_INVALID =
      "ERR Client names cannot contain spaces, newlines or special characters.";
  public static final String NO_SUCH_CLIENT = "ERR No such client";
  public static final String CLIENT_ID_NOT_POSITIVE = "ERR client-id should be greater than 0";
  public static final String INVALID_CLIENT_ID = "ERR Invalid client ID";
  public static final String GETKEYS_INVALID_COMMAND = "ERR Invalid command specified";
  public static final String GETKEYS_INVALID_ARITY =
      "ERR Invalid number of arguments specified for command";
  public static final String GETKEYS_NO_KEYS = "ERR The command has no key arguments";
  public static final String GETKEYS_INVALID_ARGUMENTS = "ERR Invalid arguments specified for command";
  // DUMP / RESTORE
  public static final String BUSYKEY = "BUSYKEY Target key name already exists.";
  public static final String DUMP_PAYLOAD = "ERR DUMP payload version or checksum are wrong";
  public static final String BAD_DATA_FORMAT = "ERR Bad data format";
  public static final String RESTORE_INVALID_TTL = "ERR Invalid TTL value, must be >= 0";
  public static final String RESTORE_INVALID_IDLETIME = "ERR Invalid IDLETIME value, must be >= 0";
  public static final String RESTORE_INVALID_FREQ = "ERR Invalid FREQ value, must be >= 0 and <= 255";

  // ---- ACL (acl.c) -------------------------------------------------------------------------

  public static final String NOPERM_KEY =
      "NOPERM this user has no permissions to access one of the keys used as arguments";
  public static final String NOPERM_CHANNEL =
      "NOPERM this user has no permissions to access one of the channels used as arguments";
  /** Sent on accept to a non-loopback client while protected mode applies; then the connection closes. */
  public static final String DENIED_PROTECTED_MODE = "DENIED Redis is running in protected mode because "
      + "protected mode is enabled and no password is set for the default user. In this mode connections "
      + "are only accepted from the loopback interface. If you want to connect from external computers to "
      + "Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the "
      + "command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the "
      + "same host the server is running, however MAKE SURE Redis is not publicly accessible from internet "
      + "if you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just "
      + "disable the protected mode by editing the Redis configuration file, and setting the protected mode "
      + "option to 'no', and then restarting the server. 3) If you started the server manually just for "
      + "testing, restart it with the '--protected-mode no' option. 4) Setup a an authentication password "
      + "for the default user. NOTE: You only need to do one of the above things in order for the server "
      + "to start accepting connections from the outside.";
  public static final String ACL_NO_FILE = "ERR This Redis instance is not configured to use an ACL file. "
      + "You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE "
      + "(assuming you have a Redis configuration file set) in order to store users in the Redis "
      + "configuration.";
  public static final String ACL_SAVE_FAILED =
      "ERR There was an error trying to save the ACLs. Please check the server logs for more information";
  public static final String ACL_DEFAULT_NOT_REMOVABLE = "ERR The 'default' user cannot be removed";
  public static final String ACL_GENPASS_BITS = "ERR ACL GENPASS argument must be the number of bits for "
      + "the output password, a positive number up to 4096";
  public static final String ACL_USERNAME_SPACES = "ERR Usernames can't contain spaces or null characters";

  /** Rule-parsing failures (acl.c's ACLSetUserStringError), without the "ERR" prefix. */
  public static final String ACL_UNKNOWN_NAME = "Unknown command or category name in ACL";
  public static final String ACL_SYNTAX = "Syntax error";
  public static final String ACL_KEYS_AFTER_ALL = "Adding a pattern after the * pattern (or the 'allkeys' "
      + "flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of "
      + "patterns";
  public static final String ACL_CHANNELS_AFTER_ALL = "Adding a pattern after the * pattern (or the "
      + "'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with "
      + "an empty list of channels";
  public static final String ACL_NO_SUCH_PASSWORD =
      "The password you are trying to remove from the user does not exist";
  public static final String ACL_BAD_HASH = "The password hash must be exactly 64 characters and contain "
      + "only lowercase hexadecimal characters";
  public static final String ACL_FIRSTARG_OF_SUBCOMMAND = "Allowing first-arg of a subcommand is not supported";

  /** NOPERM for a command (or subcommand, "acl|log") the user may not run. */
  public static String nopermCommand(String fullName) {
    return "NOPERM this user has no permissions to run the '" + fullName + "' command";
  }

  /** ACL SETUSER rule failure: "ERR Error in ACL SETUSER modifier 'op': reason". */
  public static String aclSetuserModifier(String op, String reason) {
    return "ERR Error in ACL SETUSER modifier '" + sanitize(op) + "': " + reason;
  }

  public static String aclUnmatchedParenthesis(String start) {
    return "ERR Unmatched parenthesis in acl selector starting at '" + sanitize(start) + "'.";
  }

  public static String aclUnknownCategory(String category) {
    return "ERR Unknown category '" + sanitize(category) + "'";
  }

  public static String aclUserNotFound(String user) {
    return "ERR User '" + sanitize(user) + "' not found";
  }

  public static String aclCommandNotFound(String command) {
    return "ERR Command '" + sanitize(command) + "' not found";
  }

  /** HELLO with an option it does not know, or one missing its arguments. */
  public static String helloSyntax(String option) {
    return "ERR Syntax error in HELLO option '" + sanitize(option) + "'";
  }

  /** CLIENT LIST/KILL TYPE with a name other than normal, master, replica/slave, pubsub. */
  public static String unknownClientType(String type) {
    return "ERR Unknown client type '" + sanitize(type) + "'";
  }

  /** CLIENT KILL USER naming a user that does not exist. */
  public static String noSuchUser(String user) {
    return "ERR No such user '" + sanitize(user) + "'";
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

  // ---- introspection: MONITOR, CLIENT PAUSE/TRACKING/CACHING, SLOWLOG, LATENCY, MEMORY, CONFIG REWRITE

  public static final String REPLICA_KEYSPACE = "ERR Replica can't interact with the keyspace";
  public static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";
  public static final String PAUSE_MODE = "ERR CLIENT PAUSE mode must be WRITE or ALL";
  public static final String TRACKING_BCAST_SWITCH = "ERR You can't switch BCAST mode on/off before disabling "
      + "tracking for this client, and then re-enabling it with a different mode.";
  public static final String TRACKING_OPTIN_OPTOUT = "ERR You can't specify both OPTIN mode and OPTOUT mode";
  public static final String TRACKING_OPT_SWITCH = "ERR You can't switch OPTIN/OPTOUT mode before disabling "
      + "tracking for this client, and then re-enabling it with a different mode.";
  public static final String TRACKING_PREFIX_NEEDS_BCAST = "ERR PREFIX option requires BCAST mode to be enabled";
  public static final String TRACKING_NO_REDIRECT_CLIENT = "ERR The client ID you want redirect to does not exist";
  public static final String TRACKING_OPTIN_OPTOUT_WITH_BCAST =
      "ERR OPTIN and OPTOUT are not compatible with BCAST";
  public static final String CACHING_NOT_OPT = "ERR CLIENT CACHING can be called only when the client is in "
      + "tracking mode with OPTIN or OPTOUT mode enabled";
  public static final String CACHING_YES_NEEDS_OPTIN =
      "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.";
  public static final String CACHING_NO_NEEDS_OPTOUT =
      "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.";
  public static final String SLOWLOG_COUNT = "ERR count should be greater than or equal to -1";
  public static final String NO_CONFIG_FILE = "ERR The server is running without a config file";
  public static final String CONFIG_REWRITE_FAILED = "ERR Rewriting config file: ";
  public static final String AOF_REWRITE_IN_PROGRESS =
      "ERR Background append only file rewriting already in progress";

  /** CLIENT TRACKING ... PREFIX: two prefixes of one client where one starts the other. */
  public static String trackingPrefixOverlap(String prefix, String other, boolean provided) {
    return "ERR Prefix '" + prefix + "' overlaps with " + (provided ? "another provided" : "an existing")
        + " prefix '" + other + "'. Prefixes for a single client must not overlap.";
  }

  /** Redis replaces CR and LF in error texts with spaces so a reply stays one line. */
  public static String sanitize(String s) {
    if (s.indexOf('\r') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return s.replace('\r', ' ').replace('\n', ' ');
  }

  // ---- replication (replication.c) --------------------------------------------------

  public static final String READONLY_REPLICA = "READONLY You can't write against a read only replica.";
  public static final String MASTERDOWN =
      "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
  public static final String NOREPLICAS = "NOREPLICAS Not enough good replicas to write.";
  public static final String WAIT_ON_REPLICA = "ERR WAIT cannot be used with replica instances. Please also note "
      + "that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to "
      + "replicas are just local and are not propagated.";
  public static final String INVALID_MASTER_PORT = "ERR Invalid master port";
  public static final String NOMASTERLINK = "NOMASTERLINK Can't SYNC while not connected with my master";

  public static String unrecognizedReplconf(String option) {
    return "ERR Unrecognized REPLCONF option: " + option;
  }
}
