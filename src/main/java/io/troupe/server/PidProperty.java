package io.troupe.server;

import ch.qos.logback.core.PropertyDefinerBase;

/** Gives the log pattern the process id, as Redis starts each log line with it. */
public final class PidProperty extends PropertyDefinerBase {
  @Override
  public String getPropertyValue() {
    return Long.toString(ProcessHandle.current().pid());
  }
}
