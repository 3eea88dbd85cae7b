package io.troupe.acl;

/** An ACL rule that cannot be applied; the message is Redis's reason (no "ERR" prefix). */
public final class AclRuleException extends RuntimeException {
  public AclRuleException(String reason) {
    super(reason, null, false, false);
  }
}
