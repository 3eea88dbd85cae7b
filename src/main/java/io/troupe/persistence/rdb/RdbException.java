package io.troupe.persistence.rdb;

/** A file or payload that cannot be loaded: the message says why, in Redis's words where Redis has some. */
public class RdbException extends Exception {
  public RdbException(String message) {
    super(message);
  }
}
