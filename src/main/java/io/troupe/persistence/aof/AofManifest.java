package io.troupe.persistence.aof;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis 7's AOF manifest ({@code <appendfilename>.manifest} in
 * {@code appenddirname}): one line per file, {@code file <name> seq <n> type
 * <b|h|i>}: the base (an RDB, or commands), history files (waiting to be
 * deleted after a rewrite) and the incr files, replayed after the base in
 * order. Immutable; a rewrite makes a new one. Corresponds to the manifest
 * part of Redis's aof.c.
 */
public record AofManifest(AofFile base, List<AofFile> history, List<AofFile> incrs) {

  public enum Type {
    BASE('b'), HISTORY('h'), INCR('i');

    final char code;

    Type(char code) {
      this.code = code;
    }
  }

  /** One file of the manifest. */
  public record AofFile(String name, long seq, Type type) {}

  /** {@code appendonly.aof.<seq>.base.rdb} (or {@code .base.aof} without the RDB preamble). */
  public static String baseName(String prefix, long seq, boolean rdb) {
    return prefix + "." + seq + ".base." + (rdb ? "rdb" : "aof");
  }

  /** {@code appendonly.aof.<seq>.incr.aof}. */
  public static String incrName(String prefix, long seq) {
    return prefix + "." + seq + ".incr.aof";
  }

  public static String manifestName(String prefix) {
    return prefix + ".manifest";
  }

  /** The sequence number of the last incr file (0 when there is none). */
  public long lastIncrSeq() {
    return incrs.isEmpty() ? 0 : incrs.get(incrs.size() - 1).seq();
  }

  /** The incr file new writes go to, or null. */
  public AofFile lastIncr() {
    return incrs.isEmpty() ? null : incrs.get(incrs.size() - 1);
  }

  /** The manifest's text, as Redis writes it. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    if (base != null) {
      line(sb, base);
    }
    for (AofFile f : history) {
      line(sb, f);
    }
    for (AofFile f : incrs) {
      line(sb, f);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, AofFile f) {
    sb.append("file ").append(f.name()).append(" seq ").append(f.seq()).append(" type ").append(f.type().code)
        .append('\n');
  }

  /**
   * Parses a manifest (Redis's aofLoadManifestFromFile): {@code key value}
   * pairs per line in any order, {@code #} comments; the base at most once,
   * incr files in ascending seq.
   */
  public static AofManifest parse(byte[] bytes) throws AofException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    AofFile base = null;
    List<AofFile> history = new ArrayList<>();
    List<AofFile> incrs = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      if (parts.length % 2 != 0) {
        throw new AofException("Invalid AOF manifest file format");
      }
      String name = null;
      Long seq = null;
      Type type = null;
      for (int i = 0; i < parts.length; i += 2) {
        String k = parts[i];
        String v = parts[i + 1];
        switch (k) {
          case "file" -> name = v;
          case "seq" -> {
            try {
              seq = Long.parseLong(v);
            } catch (NumberFormatException e) {
              throw new AofException("Invalid AOF manifest file format");
            }
          }
          case "type" -> {
            for (Type t : Type.values()) {
              if (v.length() == 1 && v.charAt(0) == t.code) {
                type = t;
              }
            }
          }
          default -> {
            // Redis ignores keys it does not know (room for later versions)
          }
        }
      }
      if (name == null || seq == null || type == null) {
        throw new AofException("Invalid AOF manifest file format");
      }
      AofFile f = new AofFile(name, seq, type);
      switch (type) {
        case BASE -> {
          if (base != null) {
            throw new AofException("Found duplicate base file information");
          }
          base = f;
        }
        case HISTORY -> history.add(f);
        case INCR -> {
          if (!incrs.isEmpty() && incrs.get(incrs.size() - 1).seq() >= seq) {
            throw new AofException("Found a non-monotonic sequence number");
          }
          incrs.add(f);
        }
      }
    }
    if (base == null && incrs.isEmpty()) {
      throw new AofException("Found an empty AOF manifest");
    }
    return new AofManifest(base, List.copyOf(history), List.copyOf(incrs));
  }
}
