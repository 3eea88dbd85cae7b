package io.troupe.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's runtime parameters, by Redis's names (CONFIG GET/SET, redis.conf
 * directives and --directive arguments all land here). Values are parsed and
 * validated by each {@link Param}'s kind; readers on any thread see the latest
 * value (volatile), as Redis's single {@code server} struct is read everywhere.
 *
 * <p>The parameter set itself is defined in {@link Params}.
 */
public final class ServerConfig {
  private final Map<String, Param> byName = new LinkedHashMap<>();
  private final List<Param> params = new ArrayList<>();

  public ServerConfig() {
    Params.defineAll(this);
  }

  void define(Param p) {
    params.add(p);
    byName.put(p.name(), p);
    for (String alias : p.aliases()) {
      byName.put(alias, p);
    }
  }

  /** Parameters CONFIG GET/SET reach by exact name only: not in {@link #names()} or {@link #params()}. */
  private final Map<String, Param> hidden = new LinkedHashMap<>();

  /** Defines a hidden parameter (Redis's HIDDEN_CONFIG test knobs). */
  void defineHidden(Param p) {
    hidden.put(p.name(), p);
  }

  /** The parameter named {@code name} (case-insensitive, aliases too), or null. */
  public Param param(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    Param p = byName.get(n);
    return p != null ? p : hidden.get(n);
  }

  /**
   * Every name CONFIG GET can match, canonical names and aliases, each with
   * its parameter, in definition order (Redis 7.0 matches aliases by pattern too).
   */
  public Map<String, Param> names() {
    return Collections.unmodifiableMap(byName);
  }

  public Collection<Param> params() {
    return Collections.unmodifiableList(params);
  }

  /** Sets a parameter from its text form; throws {@link ConfigException} when invalid. */
  public void set(String name, String value) {
    Param p = param(name);
    if (p == null) {
      throw new ConfigException("Unknown option");
    }
    p.set(value);
  }

  public long getLong(String name) {
    return param(name).asLong();
  }

  public boolean getBool(String name) {
    return param(name).asBool();
  }

  public String getString(String name) {
    return param(name).text();
  }

  public int port() {
    return (int) getLong("port");
  }

  public int databases() {
    return (int) getLong("databases");
  }

  public String requirepass() {
    return getString("requirepass");
  }
}
