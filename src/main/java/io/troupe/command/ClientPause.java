package io.troupe.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CLIENT PAUSE / UNPAUSE (Redis's pauseClients): until the end time, every
 * command (ALL) or every write and may-replicate command (WRITE) of a normal
 * client is postponed. A postponed connection leaves a wake-up here and is
 * called when the pause ends (by timeout or UNPAUSE); it then checks again.
 * A new pause never shortens the current one nor makes it less strict.
 */
public final class ClientPause {
  private volatile long endMillis;
  private volatile boolean all;
  private final List<Runnable> waiting = new ArrayList<>();

  /** Whether a command must wait now; {@code write}: a write or may-replicate command. */
  public boolean blocks(boolean write) {
    long end = endMillis;
    if (end == 0) {
      return false;
    }
    if (System.currentTimeMillis() >= end) {
      expire();
      return false;
    }
    return all || write;
  }

  /** Whether a pause is in effect ({@code all}: of every command). */
  public boolean active() {
    return endMillis != 0 && System.currentTimeMillis() < endMillis;
  }

  /** CLIENT PAUSE timeout [WRITE|ALL]. */
  public void pause(long timeoutMillis, boolean allCommands) {
    long end = System.currentTimeMillis() + timeoutMillis;
    synchronized (this) {
      if (endMillis == 0) {
        all = allCommands;
      } else if (allCommands) {
        all = true;
      }
      if (end > endMillis) {
        endMillis = end;
      }
    }
    CompletableFuture.delayedExecutor(timeoutMillis + 1, TimeUnit.MILLISECONDS).execute(this::expireIfDue);
  }

  /** CLIENT UNPAUSE. */
  public void unpause() {
    synchronized (this) {
      endMillis = 0;
      all = false;
    }
    wakeAll();
  }

  /** Calls {@code wake} once the pause ends (at once when it has already ended). */
  public void await(Runnable wake) {
    boolean now;
    synchronized (this) {
      now = !active();
      if (!now) {
        waiting.add(wake);
      }
    }
    if (now) {
      wake.run();
    }
  }

  private void expireIfDue() {
    if (endMillis != 0 && System.currentTimeMillis() >= endMillis) {
      expire();
    }
  }

  private void expire() {
    synchronized (this) {
      if (endMillis == 0 || System.currentTimeMillis() < endMillis) {
        return;
      }
      endMillis = 0;
      all = false;
    }
    wakeAll();
  }

  private void wakeAll() {
    List<Runnable> w;
    synchronized (this) {
      w = new ArrayList<>(waiting);
      waiting.clear();
    }
    w.forEach(Runnable::run);
  }
}
