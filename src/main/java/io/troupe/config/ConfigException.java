package io.troupe.config;

/** A parameter value was rejected; the message is Redis's reason text (e.g. "argument must be a memory value"). */
public final class ConfigException extends RuntimeException {
  public ConfigException(String reason) {
    super(reason, null, false, false);
  }
}
