package io.troupe.management;

import io.troupe.admin.InfoSections;
import io.troupe.command.ServerContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * INFO's text read back into sections → field → value, the way INFO's
 * consumers (redis_exporter, redis-cli --stat) read it: a "# Name" line opens
 * section "name", "field:value" lines belong to it, values are kept exactly
 * as INFO prints them.
 */
final class InfoFields {
  private InfoFields() {}

  /** All of INFO's default sections, parsed; used by /troupe/info, /metrics and the Server MBean. */
  static Map<String, Map<String, String>> of(ServerContext server, List<String> sections) {
    return parse(InfoSections.render(server, InfoSections.select(sections)));
  }

  /** Parses INFO text; lines before the first header go to section "". */
  static Map<String, Map<String, String>> parse(String info) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("# ")) {
        current = out.computeIfAbsent(line.substring(2).trim().toLowerCase(Locale.ROOT),
            k -> new LinkedHashMap<>());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      if (current == null) {
        current = out.computeIfAbsent("", k -> new LinkedHashMap<>());
      }
      current.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return out;
  }

  /**
   * A keyspace line's value ({@code keys=1,expires=0,avg_ttl=0}) as a map;
   * empty when it is not a list of name=value pairs.
   */
  static Map<String, String> subFields(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : value.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        return Map.of();
      }
      out.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return out;
  }

  /** A field as a long, or {@code otherwise} when missing or not an integer. */
  static long number(Map<String, Map<String, String>> info, String section, String field, long otherwise) {
    Map<String, String> s = info.get(section);
    String v = s == null ? null : s.get(field);
    if (v == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
