package io.troupe.management;

import com.typesafe.config.Config;

/**
 * {@code troupe.management} in application.conf. Redis has no management
 * port, so these live in HOCON only (settable with
 * {@code -Dtroupe.management.port=N}, e.g. through TROUPE_JAVA_OPTS):
 *
 * <pre>
 * enabled  = true           HTTP routes and MBeans at all
 * jmx      = true           the MBeans
 * hostname = "127.0.0.1"    the HTTP bind address (loopback by default)
 * port     = 0              0: the RESP port + port-offset (6379 -&gt; 7379)
 * port-offset = 1000
 * </pre>
 *
 * The derived port keeps several nodes on one host apart, as the cluster bus
 * port (RESP + 10000) does.
 */
public record ManagementSettings(boolean enabled, boolean jmx, String hostname, int port) {
  /** The settings for a node whose RESP port is {@code respPort}; {@code port} is resolved. */
  public static ManagementSettings from(Config management, int respPort) {
    boolean enabled = management.getBoolean("enabled");
    boolean jmx = management.getBoolean("jmx");
    String hostname = management.getString("hostname");
    int port = resolvePort(management.getInt("port"), management.getInt("port-offset"), respPort);
    return new ManagementSettings(enabled, jmx, hostname, port);
  }

  /** {@code port}, or when 0 the RESP port + offset; -1 when that is no TCP port. */
  static int resolvePort(int port, int offset, int respPort) {
    if (port > 0) {
      return port;
    }
    int derived = respPort + offset;
    return respPort > 0 && derived > 0 && derived <= 65535 ? derived : -1;
  }
}
