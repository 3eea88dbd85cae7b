package io.troupe.config;

import java.util.List;

/**
 * Every parameter Troupe has, with Redis 7.0's names, defaults and limits
 * (from CONFIG GET '*' of a real redis-server 7.0).
 */
final class Params {
  private Params() {}

  static void defineAll(ServerConfig c) {
    integer(c, "port", false, 0, 65535, "6379");
    string(c, "bind", false, "* -::*");
    integer(c, "databases", false, 1, Integer.MAX_VALUE, "16");
    string(c, "requirepass", true, "");
    bool(c, "protected-mode", true, "yes");
    memory(c, "proto-max-bulk-len", true, 1024 * 1024, Long.MAX_VALUE, "536870912");
    memory(c, "client-query-buffer-limit", true, 1024 * 1024, Long.MAX_VALUE, "1073741824");
    integer(c, "hz", true, 1, 500, "10");
    integer(c, "maxclients", true, 1, Integer.MAX_VALUE, "10000");
    integer(c, "timeout", true, 0, Integer.MAX_VALUE, "0");
    integer(c, "tcp-keepalive", true, 0, Integer.MAX_VALUE, "300");
    integer(c, "tcp-backlog", false, 0, Integer.MAX_VALUE, "511");
    string(c, "dir", true, System.getProperty("user.dir"));
    string(c, "logfile", false, "");
    enumeration(c, "loglevel", true, List.of("debug", "verbose", "notice", "warning"), "notice");
    string(c, "pidfile", false, "");
    bool(c, "daemonize", false, "no");
    integer(c, "active-expire-effort", true, 1, 10, "1");
    bool(c, "lazyfree-lazy-user-del", true, "no");
    bool(c, "lazyfree-lazy-user-flush", true, "no");
    integer(c, "slowlog-log-slower-than", true, -1, Long.MAX_VALUE, "10000");
    integer(c, "slowlog-max-len", true, 0, Long.MAX_VALUE, "128");

    // hashes and sets (type/hash, type/set): conversion thresholds, Redis 7.0's compiled-in
    // defaults (redis.conf's example file lowers hash-max-listpack-entries to 128); the
    // ziplist names are Redis's aliases. Redis 7.0 has no set listpack encoding.
    add(c, new Param("hash-max-listpack-entries", List.of("hash-max-ziplist-entries"),
        Param.Kind.INT, true, 0, Long.MAX_VALUE, List.of(), "512"));
    add(c, new Param("hash-max-listpack-value", List.of("hash-max-ziplist-value"),
        Param.Kind.MEMORY, true, 0, Long.MAX_VALUE, List.of(), "64"));
    integer(c, "set-max-intset-entries", true, 0, Long.MAX_VALUE, "512");
  }

  static Param bool(ServerConfig c, String name, boolean mutable, String def) {
    return add(c, new Param(name, List.of(), Param.Kind.BOOL, mutable, 0, 1, List.of(), def));
  }

  static Param integer(ServerConfig c, String name, boolean mutable, long min, long max, String def) {
    return add(c, new Param(name, List.of(), Param.Kind.INT, mutable, min, max, List.of(), def));
  }

  static Param memory(ServerConfig c, String name, boolean mutable, long min, long max, String def) {
    return add(c, new Param(name, List.of(), Param.Kind.MEMORY, mutable, min, max, List.of(), def));
  }

  static Param string(ServerConfig c, String name, boolean mutable, String def) {
    return add(c, new Param(name, List.of(), Param.Kind.STRING, mutable, 0, 0, List.of(), def));
  }

  static Param enumeration(ServerConfig c, String name, boolean mutable, List<String> values, String def) {
    return add(c, new Param(name, List.of(), Param.Kind.ENUM, mutable, 0, 0, values, def));
  }

  private static Param add(ServerConfig c, Param p) {
    c.define(p);
    return p;
  }
}
