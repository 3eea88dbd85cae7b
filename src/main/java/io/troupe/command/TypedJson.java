package io.troupe.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.troupe.resp.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the typed JSON of commands.json back into the reply values Redis sent:
 * a JSON string is a bulk string, a number an integer, null a null, an array
 * an array, and the one-key objects {"+": s}, {"~": [...]}, {"%": [k, v, ...]}
 * a simple string, a set and a map (see tools/gen-command-table.py).
 */
final class TypedJson {
  private TypedJson() {}

  static Reply toReply(JsonNode n) {
    if (n == null || n.isNull()) {
      return Reply.NULL_BULK;
    }
    if (n.isTextual()) {
      return Reply.bulk(n.asText());
    }
    if (n.isIntegralNumber()) {
      return Reply.integer(n.asLong());
    }
    if (n.isArray()) {
      return Reply.array(list(n));
    }
    if (n.has("+")) {
      return Reply.status(n.get("+").asText());
    }
    if (n.has("~")) {
      return Reply.set(list(n.get("~")));
    }
    if (n.has("%")) {
      return Reply.map(list(n.get("%")));
    }
    throw new IllegalArgumentException("not typed JSON: " + n);
  }

  private static List<Reply> list(JsonNode array) {
    List<Reply> out = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      out.add(toReply(item));
    }
    return List.copyOf(out);
  }

  /** The plain strings of a typed set or array of simple strings (flags, categories). */
  static List<String> strings(JsonNode n) {
    JsonNode items = n.has("~") ? n.get("~") : n;
    List<String> out = new ArrayList<>();
    for (JsonNode item : items) {
      out.add(item.has("+") ? item.get("+").asText() : item.asText());
    }
    return out;
  }

  /** The value under {@code key} of a typed map, or null. */
  static JsonNode mapGet(JsonNode map, String key) {
    if (map == null || !map.has("%")) {
      return null;
    }
    JsonNode kv = map.get("%");
    for (int i = 0; i + 1 < kv.size(); i += 2) {
      if (kv.get(i).asText().equals(key)) {
        return kv.get(i + 1);
      }
    }
    return null;
  }
}
