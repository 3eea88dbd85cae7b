package io.troupe;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.ExecContext;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.SlotMap;
import io.troupe.resp.Reply;
import io.troupe.resp.RespWriter;
import java.nio.charset.StandardCharsets;

/** For tests that run command handlers in-process, without a server: a context, arguments, encoded replies. */
public final class InProcess {
  /** The clock in-process tests run at (2023-11-14), so expiry times are stable. */
  public static final long NOW = 1_700_000_000_000L;

  private InProcess() {}

  /** One shard owning every slot, 16 databases, db 0 selected, at {@link #NOW}. */
  public static ExecContext context(ServerConfig config) {
    ExecContext ctx = new ExecContext(new Keyspace[] {new Keyspace(0, 16)}, SlotMap.evenlySplit(1), config);
    return ctx.reset(0, NOW);
  }

  /** A command's arguments as bytes (ISO-8859-1: one byte per char). */
  public static byte[][] argv(String... args) {
    byte[][] a = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      a[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    return a;
  }

  /** {@code r} as the bytes a RESP{@code proto} client receives. */
  public static String resp(Reply r, int proto) {
    RespWriter w = new RespWriter();
    w.write(r, proto);
    return new String(w.drain(), StandardCharsets.ISO_8859_1);
  }
}
