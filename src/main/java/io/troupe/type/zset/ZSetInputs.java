package io.troupe.type.zset;

import io.troupe.type.set.SetType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The hook through which ZUNION, ZINTER, ZDIFF, their STORE forms and
 * ZINTERCARD read plain sets (Redis accepts a set there, every member scoring
 * 1). The set type lives in another package; it (or the server wiring)
 * registers a view of its value class here, so this package does not depend
 * on it:
 *
 * <pre>{@code
 * ZSetInputs.register(SetType.class, s -> new ZSetInputs.SetView() {
 *   public long size() { return s.size(); }
 *   public boolean contains(byte[] m) { return s.contains(m); }
 *   public Iterable<byte[]> members() { return s.members(); }
 * });
 * }</pre>
 *
 * A value of an unregistered class (other than a sorted set) is WRONGTYPE.
 */
public final class ZSetInputs {
  private static final Map<Class<?>, Function<Object, SetView>> VIEWS = new ConcurrentHashMap<>();

  static {
    // Sets are inputs of the algebra (a member counts with score 1).
    register(SetType.class, s -> new SetView() {
      @Override
      public long size() {
        return s.size();
      }

      @Override
      public boolean contains(byte[] member) {
        return s.contains(member);
      }

      @Override
      public Iterable<byte[]> members() {
        return s.elements();
      }
    });
  }

  private ZSetInputs() {}

  /** What a set offers as an input of the sorted-set algebra. */
  public interface SetView {
    long size();

    boolean contains(byte[] member);

    /** Every member once, in any order. */
    Iterable<byte[]> members();
  }

  /** Declares that values of {@code type} are sets and how to view one. */
  public static <T> void register(Class<T> type, Function<? super T, ? extends SetView> view) {
    VIEWS.put(type, v -> view.apply(type.cast(v)));
  }

  /** Removes a registration (tests). */
  public static void unregister(Class<?> type) {
    VIEWS.remove(type);
  }

  /** The set view of {@code value}, or null when its class is not a registered set type. */
  static SetView viewOf(Object value) {
    Function<Object, SetView> f = VIEWS.get(value.getClass());
    return f == null ? null : f.apply(value);
  }
}
