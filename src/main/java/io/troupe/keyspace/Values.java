package io.troupe.keyspace;

/**
 * What the type-agnostic commands ask of a value, whatever its type: strings
 * are {@code byte[]}, every other type is a {@link TypedValue}. Corresponds to
 * Redis's getObjectTypeName and the per-type duplication in COPY.
 */
public final class Values {
  public static final String STRING = "string";
  public static final String NONE = "none";

  private Values() {}

  /** TYPE's name for a value ("string", "list", ...). */
  public static String typeName(Object value) {
    if (value instanceof byte[]) {
      return STRING;
    }
    if (value instanceof TypedValue t) {
      return t.typeName();
    }
    throw new IllegalStateException("not a Redis value: " + value.getClass().getName());
  }

  /** A deep copy of a value, for COPY. */
  public static Object copy(Object value) {
    if (value instanceof byte[] s) {
      return s.clone();
    }
    if (value instanceof TypedValue t) {
      return t.deepCopy();
    }
    throw new IllegalStateException("not a Redis value: " + value.getClass().getName());
  }
}
