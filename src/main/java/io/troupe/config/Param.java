package io.troupe.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One configuration parameter: its Redis name and aliases, its kind (which
 * parses, validates and formats values as Redis does), whether CONFIG SET may
 * change it at runtime, and listeners told about each change.
 */
public final class Param {
  /** How a parameter's text is parsed and shown. */
  public enum Kind { BOOL, INT, MEMORY, STRING, ENUM, SPECIAL }

  private final String name;
  private final List<String> aliases;
  private final Kind kind;
  private final boolean mutable;
  private final long min;
  private final long max;
  private final List<String> enumValues;
  private final String defaultText;
  private final java.util.List<Consumer<Param>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String text;
  private volatile long number;

  Param(String name, List<String> aliases, Kind kind, boolean mutable, long min, long max,
      List<String> enumValues, String defaultText) {
    this.name = name;
    this.aliases = aliases;
    this.kind = kind;
    this.mutable = mutable;
    this.min = min;
    this.max = max;
    this.enumValues = enumValues;
    this.defaultText = defaultText;
    set(defaultText);
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

  public String defaultText() {
    return defaultText;
  }

  /** The value as CONFIG GET shows it. */
  public String text() {
    return text;
  }

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
    switch (kind) {
      case BOOL -> {
        String v = value.toLowerCase(Locale.ROOT);
        if (!v.equals("yes") && !v.equals("no")) {
          throw new ConfigException("argument must be 'yes' or 'no'");
        }
        number = v.equals("yes") ? 1 : 0;
        text = v;
      }
      case INT -> {
        long n;
        try {
          n = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new ConfigException("argument couldn't be parsed into an integer");
        }
        checkRange(n);
        number = n;
        text = Long.toString(n);
      }
      case MEMORY -> {
        long n = MemoryUnits.parse(value);
        if (n == Long.MIN_VALUE) {
          throw new ConfigException("argument must be a memory value");
        }
        checkRange(n);
        number = n;
        text = Long.toString(n);
      }
      case ENUM -> {
        String v = value.toLowerCase(Locale.ROOT);
        int i = enumValues.indexOf(v);
        if (i < 0) {
          throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", enumValues));
        }
        number = i;
        text = v;
      }
      case STRING, SPECIAL -> text = value;
    }
    for (Consumer<Param> l : listeners) {
      l.accept(this);
    }
  }

  private void checkRange(long n) {
    if (n < min || n > max) {
      throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
    }
  }
}
