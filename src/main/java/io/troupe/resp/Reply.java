package io.troupe.resp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A reply value, protocol-neutral. {@link RespWriter} encodes it as RESP2 or
 * RESP3; the RESP3-only types (map, set, double, boolean, null, push,
 * verbatim) degrade to their RESP2 forms exactly as Redis degrades them.
 */
public sealed interface Reply {

  Reply OK = new Status("OK");
  Reply PONG = new Status("PONG");
  Reply QUEUED = new Status("QUEUED");
  Reply NULL_BULK = new NullBulk();
  Reply NULL_ARRAY = new NullArray();
  Reply EMPTY_ARRAY = new Array(List.of());
  Reply ZERO = new Int(0);
  Reply ONE = new Int(1);
  Reply MINUS_ONE = new Int(-1);
  Reply MINUS_TWO = new Int(-2);
  Reply EMPTY_BULK = new Bulk(new byte[0]);

  record Status(String text) implements Reply {}

  /** An error reply; {@code text} is the whole line after '-', e.g. "ERR syntax error". */
  record Error(String text) implements Reply {}

  record Int(long value) implements Reply {}

  record Bulk(byte[] value) implements Reply {}

  /** RESP2 "$-1", RESP3 "_". */
  record NullBulk() implements Reply {}

  /** RESP2 "*-1", RESP3 "_". */
  record NullArray() implements Reply {}

  record Array(List<Reply> items) implements Reply {}

  /** RESP3 map; RESP2 flat array of key, value, key, value... */
  record Map(List<Reply> keysAndValues) implements Reply {}

  /** RESP3 set; RESP2 array. */
  record Set(List<Reply> items) implements Reply {}

  /**
   * Pairs (ZRANGE WITHSCORES, ZRANDMEMBER WITHSCORES...): {@code items} holds
   * a, b, a, b...; RESP3 sends an array of two-element arrays, RESP2 the flat
   * array, as Redis 7 does.
   */
  record Pairs(List<Reply> items) implements Reply {}

  /** RESP3 double; RESP2 bulk string of the same text. */
  record Double(double value) implements Reply {}

  /** RESP3 boolean; RESP2 integer 1 or 0. */
  record Bool(boolean value) implements Reply {}

  /** RESP3 verbatim string ("txt" or "mkd"); RESP2 bulk string. */
  record Verbatim(String format, byte[] text) implements Reply {}

  /** RESP3 push; RESP2 array. */
  record Push(List<Reply> items) implements Reply {}

  /** Bytes already encoded as RESP, identical in both protocols. */
  record Raw(byte[] resp) implements Reply {}

  static Reply status(String s) {
    return new Status(s);
  }

  static Reply error(String text) {
    return new Error(text);
  }

  static Reply integer(long v) {
    return v == 0 ? ZERO : v == 1 ? ONE : new Int(v);
  }

  static Reply bulk(byte[] v) {
    return v == null ? NULL_BULK : new Bulk(v);
  }

  static Reply bulk(String s) {
    return s == null ? NULL_BULK : new Bulk(s.getBytes(StandardCharsets.UTF_8));
  }

  static Reply array(List<Reply> items) {
    return new Array(items);
  }

  static Reply array(Reply... items) {
    return new Array(List.of(items));
  }

  static Reply map(List<Reply> keysAndValues) {
    return new Map(keysAndValues);
  }

  static Reply pairs(List<Reply> items) {
    return new Pairs(items);
  }

  static Reply set(List<Reply> items) {
    return new Set(items);
  }

  static Reply bool(boolean b) {
    return new Bool(b);
  }

  static Reply verbatim(String text) {
    return new Verbatim("txt", text.getBytes(StandardCharsets.UTF_8));
  }

  static Reply dbl(double d) {
    return new Double(d);
  }

  default boolean isError() {
    return this instanceof Error;
  }
}
