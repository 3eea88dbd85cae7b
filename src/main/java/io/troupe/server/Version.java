package io.troupe.server;

/** Troupe's version, and the Redis version whose behaviour it reproduces. */
public final class Version {
  public static final String REDIS = "7.0.15";
  public static final String TROUPE = "0.1.0";

  private Version() {}
}
