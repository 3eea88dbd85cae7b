package io.troupe.persistence.aof;

/** An AOF that cannot be loaded or written: the message says why, in Redis's words where Redis has some. */
public class AofException extends Exception {
  public AofException(String message) {
    super(message);
  }
}
