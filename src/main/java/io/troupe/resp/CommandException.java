package io.troupe.resp;

/**
 * Thrown by a command handler to answer with an error reply. The text is the
 * whole error line (e.g. {@code "ERR syntax error"}), normally one of
 * {@link RespErrors}. No stack trace: this is control flow, not a fault.
 */
public final class CommandException extends RuntimeException {
  public CommandException(String errorText) {
    super(errorText, null, false, false);
  }

  public Reply reply() {
    return Reply.error(getMessage());
  }
}
