package io.troupe.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One configuration parameter: its Redis name and aliases, its kind (which
 * parses, validates and formats values as Redis's config.c does), whether
 * CONFIG SET may change it at runtime, and listeners told about each change.
 *
 * <p>Setting is two steps so that CONFIG SET can be all-or-nothing:
 * {@link #check} parses and validates a value without storing it and returns
 * its canonical text (what CONFIG GET will show); {@link #apply} stores a
 * checked text. {@link #set} does both.
 */
public final class Param {
  /** How a parameter's text is parsed and shown. */
  public enum Kind {
    /** yes|no, any case; shown lower case. */
    BOOL,
    /** A plain integer (Redis's string2ll: optional '-', no '+', no leading zeros) within min..max. */
    INT,
    /** Bytes with an optional unit (1gb, 5k); shown as plain bytes. */
    MEMORY,
    /** Bytes as MEMORY, or a percentage "N%" (maxmemory-clients); a percentage is held as -N. */
    MEMORY_PERCENT,
    /** Any text. */
    STRING,
    /** One of a fixed list of words, any case; shown lower case. */
    ENUM,
    /** Validated and normalised by the parameter's own {@link Normalizer}. */
    SPECIAL
  }

  /** Validates a SPECIAL value and returns its canonical text, or throws {@link ConfigException}. */
  @FunctionalInterface
  public interface Normalizer {
    String normalize(String value);
  }

  private final String name;
  private final List<String> aliases;
  private final Kind kind;
  private final boolean mutable;
  private final boolean protectedConfig;
  private final long min;
  private final long max;
  private final List<String> enumValues;
  private final Normalizer normalizer;
  private final String defaultText;
  private final List<Consumer<Param>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String text;
  private volatile long number;

  Param(String name, List<String> aliases, Kind kind, boolean mutable, long min, long max,
      List<String> enumValues, String defaultText) {
    this(name, aliases, kind, mutable, false, min, max, enumValues, null, defaultText);
  }

  Param(String name, List<String> aliases, Kind kind, boolean mutable, boolean protectedConfig,
      long min, long max, List<String> enumValues, Normalizer normalizer, String defaultText) {
    this.name = name;
    this.aliases = aliases;
    this.kind = kind;
    this.mutable = mutable;
    this.protectedConfig = protectedConfig;
    this.min = min;
    this.max = max;
    this.enumValues = enumValues;
    this.normalizer = normalizer;
    this.defaultText = defaultText;
    apply(check(defaultText));
  }

  public String name() {
    return name;
  }

  public List<String> aliases() {
    return aliases;
  }

  public Kind kind() {
    return kind;
  }

  public boolean mutable() {
    return mutable;
  }

  /** A protected config (dir, dbfilename) may be set at runtime only when enable-protected-configs allows it. */
  public boolean isProtected() {
    return protectedConfig;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  public List<String> enumValues() {
    return enumValues;
  }

  public String defaultText() {
    return defaultText;
  }

  /** The value as CONFIG GET shows it. */
  public String text() {
    return text;
  }

  /** The numeric value: the integer, the bytes, the enum index, 1/0 for yes/no, -N for N%. */
  public long asLong() {
    return number;
  }

  public boolean asBool() {
    return number != 0;
  }

  public void onChange(Consumer<Param> listener) {
    listeners.add(listener);
  }

  /** Parses and stores {@code value}; throws {@link ConfigException} with Redis's reason when invalid. */
  public void set(String value) {
    apply(check(value));
  }

  /**
   * Parses and validates {@code value} without storing it; returns the text
   * CONFIG GET would show. Throws {@link ConfigException} with Redis's reason.
   */
  public String check(String value) {
    return switch (kind) {
      case BOOL -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("yes") && !v.equals("no")) {
          throw new ConfigException("argument must be 'yes' or 'no'");
        }
        yield v;
      }
      case INT -> {
        Long n = ConfigNumbers.parseInteger(value);
        if (n == null) {
          throw new ConfigException("argument couldn't be parsed into an integer");
        }
        yield Long.toString(checkRange(n));
      }
      case MEMORY -> {
        long n = MemoryUnits.parse(value);
        if (n == Long.MIN_VALUE) {
          throw new ConfigException("argument must be a memory value");
        }
        yield Long.toString(checkRange(n));
      }
      case MEMORY_PERCENT -> {
        long n = MemoryUnits.parse(value);
        if (n != Long.MIN_VALUE) {
          yield Long.toString(checkRange(n));
        }
        Long pct = value.length() > 1 && value.endsWith("%")
            ? ConfigNumbers.parseInteger(value.substring(0, value.length() - 1)) : null;
        if (pct == null || pct < 0) {
          throw new ConfigException("argument must be a memory or percent value");
        }
        if (pct > 100) {
          throw new ConfigException("percentage argument must be less or equal to 100");
        }
        yield pct + "%";
      }
      case ENUM -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (!enumValues.contains(v)) {
          throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", enumValues));
        }
        yield v;
      }
      case STRING -> value;
      case SPECIAL -> normalizer == null ? value : normalizer.normalize(value);
    };
  }

  /** Stores a text that {@link #check} returned, and tells the listeners. */
  public void apply(String checked) {
    text = checked;
    number = switch (kind) {
      case BOOL -> checked.equals("yes") ? 1 : 0;
      case INT, MEMORY -> Long.parseLong(checked);
      case MEMORY_PERCENT -> checked.endsWith("%")
          ? -Long.parseLong(checked.substring(0, checked.length() - 1)) : Long.parseLong(checked);
      case ENUM -> enumValues.indexOf(checked);
      case STRING, SPECIAL -> {
        Long n = ConfigNumbers.parseInteger(checked);
        yield n == null ? 0 : n;
      }
    };
    for (Consumer<Param> l : listeners) {
      l.accept(this);
    }
  }

  private long checkRange(long n) {
    if (n < min || n > max) {
      throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
    }
    return n;
  }
}
