package io.troupe.type;

import io.troupe.keyspace.Args;
import io.troupe.keyspace.GlobPattern;
import io.troupe.resp.CommandException;
import io.troupe.resp.RespErrors;

/**
 * The [MATCH pattern] [COUNT count] options of HSCAN, SSCAN and ZSCAN, parsed
 * as Redis 7.0's scanGenericCommand does for a key's collection: COUNT must be
 * an integer ("ERR value is not an integer or out of range") of at least 1
 * ("ERR syntax error"), anything else is a syntax error, and a later option
 * overrides an earlier one. A MATCH of "*" is no filter.
 */
public record ScanOptions(long count, byte[] pattern) {

  /** Parses {@code argv[from..]}. */
  public static ScanOptions parse(byte[][] argv, int from) {
    long count = 10;
    byte[] pattern = null;
    for (int i = from; i < argv.length; i++) {
      boolean hasValue = i + 1 < argv.length;
      if (Args.is(argv[i], "count") && hasValue) {
        count = Args.parseLong(argv[++i]);
        if (count < 1) {
          throw new CommandException(RespErrors.SYNTAX);
        }
      } else if (Args.is(argv[i], "match") && hasValue) {
        pattern = argv[++i];
        if (pattern.length == 1 && pattern[0] == '*') {
          pattern = null;
        }
      } else {
        throw new CommandException(RespErrors.SYNTAX);
      }
    }
    return new ScanOptions(count, pattern);
  }

  /** True when {@code element} passes the MATCH filter. */
  public boolean matches(byte[] element) {
    return pattern == null || GlobPattern.matches(pattern, element);
  }
}
