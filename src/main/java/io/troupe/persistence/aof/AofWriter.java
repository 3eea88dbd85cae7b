package io.troupe.persistence.aof;

import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import io.troupe.resp.Reply;
import io.troupe.shard.Coordinator;
import io.troupe.shard.Effect;
import io.troupe.shard.Effects;
import io.troupe.shard.Executed;
import io.troupe.shard.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AOF writer (Redis's feedAppendOnlyFile, flushAppendOnlyFile and the
 * rewrite's bookkeeping): subscribed to the Propagator, it appends every
 * write as RESP to the current incr file, with SELECT where the database
 * changes.
 *
 * <p>Writes are grouped: each message only fills a buffer and asks for a
 * {@code Flush}, which runs after the messages already queued, so one write
 * (and with {@code appendfsync always} one fdatasync) covers everything that
 * arrived meanwhile; then the replies held for durability are sent.
 * {@code everysec} syncs on a one-second timer, {@code no} leaves it to the OS.
 *
 * <p>A rewrite (BGREWRITEAOF, {@code appendonly yes} at runtime, automatic
 * growth) holds every shard through the coordinator for a moment to write
 * the base, as SAVE does; while held, it sends a marker through the
 * Propagator. Everything before the marker belongs to the old files, so the
 * writer, on meeting it, switches to a new incr file and commits the new
 * manifest (new base, new incr); the old files are deleted.
 */
public final class AofWriter extends AbstractBehavior<AofWriter.Command> {
  private static final Logger log = LoggerFactory.getLogger("troupe");
  /** The seq of the marker a rewrite's snapshot sends through the Propagator. */
  private static final int ROTATE = -1;
  /** The seq of the rewrite's snapshot op on the coordinator. */
  private static final int SNAPSHOT = -2;
  private static final int MAX_BUFFER = 1 << 20;

  public sealed interface Command permits Append, Rewrite, SetEnabled, Flush, Tick, ExecutedMsg {}

  /** Writes published by the shards (through the Propagator). */
  public record Append(Effects effects) implements Command {}

  /** BGREWRITEAOF (ignored while a rewrite runs). */
  public enum Rewrite implements Command { INSTANCE }

  /** appendonly yes|no at runtime. */
  public record SetEnabled(boolean on) implements Command {}

  private enum Flush implements Command { INSTANCE }

  private enum Tick implements Command { INSTANCE }

  /** The snapshot op's answer, or the rotate marker when it came back without the Propagator's ordering. */
  private record ExecutedMsg(Executed executed) implements Command {}

  private final ServerConfig config;
  private final AofStatus status;
  private final ActorRef<Effects> propagator;
  private final ActorRef<Coordinator.Command> coordinator;
  private final ActorRef<Executed> executedRef;
  private final Path dir;
  private final String prefix;
  private AofManifest manifest;
  private FileChannel incr;
  private int selectedDb = -1;
  private byte[] buf = new byte[1 << 16];
  private int len;
  private final List<Effects.Ack> acks = new ArrayList<>();
  private boolean flushScheduled;
  private boolean unsynced;
  /** Whether the AOF should be on (appendonly); it is once a first rewrite opened the incr file. */
  private boolean wantOn;
  private Path rewriteTemp;

  /**
   * A writer; {@code manifest} is the AOF prepared at start-up (null when
   * appendonly is off). {@code subscribe} registers the writer's inbox with
   * the Propagator as the subscriber that acknowledges.
   */
  public static Behavior<Command> create(ServerConfig config, AofStatus status, AofManifest manifest,
      ActorRef<Effects> propagator, ActorRef<Coordinator.Command> coordinator,
      Consumer<ActorRef<Effects>> subscribe) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new AofWriter(ctx, timers, config, status, manifest, propagator, coordinator, subscribe)));
  }

  private AofWriter(ActorContext<Command> context, TimerScheduler<Command> timers, ServerConfig config,
      AofStatus status, AofManifest manifest, ActorRef<Effects> propagator,
      ActorRef<Coordinator.Command> coordinator, Consumer<ActorRef<Effects>> subscribe) {
    super(context);
    this.config = config;
    this.status = status;
    this.propagator = propagator;
    this.coordinator = coordinator;
    this.dir = AofFiles.dir(config);
    this.prefix = AofFiles.prefix(config);
    this.executedRef = context.messageAdapter(Executed.class, ExecutedMsg::new);
    subscribe.accept(context.messageAdapter(Effects.class, Append::new));
    timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofSeconds(1));
    if (manifest != null) {
      this.manifest = manifest;
      wantOn = true;
      try {
        openIncr(manifest.lastIncr());
        status.enabled = true;
        status.baseSize = manifest.base() == null ? 0 : fileSize(manifest.base().name());
        status.currentSize = totalSize(manifest);
      } catch (IOException e) {
        log.warn("Can't open the append-only file {}: {}", manifest.lastIncr().name(), e.getMessage());
        status.lastWriteOk = false;
      }
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessageEquals(Flush.INSTANCE, this::onFlush)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Rewrite.INSTANCE, () -> {
          startRewrite();
          return this;
        })
        .onMessage(SetEnabled.class, this::onSetEnabled)
        .onMessage(ExecutedMsg.class, this::onExecuted)
        .onSignal(PostStop.class, s -> {
          closeIncr();
          return this;
        })
        .build();
  }

  // ---- appending ------------------------------------------------------------------------

  private Behavior<Command> onAppend(Append msg) {
    Effects e = msg.effects();
    if (incr != null) {
      List<Effect> effects = e.effects();
      for (int i = 0, n = effects.size(); i < n; i++) {
        Effect effect = effects.get(i);
        if (effect.db() != selectedDb) {
          appendCommand(new byte[][] {SELECT, Integer.toString(effect.db()).getBytes()});
          selectedDb = effect.db();
        }
        appendCommand(effect.argv());
      }
    }
    for (Effects.Ack ack : e.acks()) {
      if (isRotate(ack.executed())) {
        rotate(); // the snapshot's point in the stream: what came before is in the base
      } else {
        acks.add(ack);
      }
    }
    if (len >= MAX_BUFFER) {
      writeBuffer();
    }
    if ((len > 0 || !acks.isEmpty()) && !flushScheduled) {
      flushScheduled = true;
      getContext().getSelf().tell(Flush.INSTANCE);
    }
    return this;
  }

  private static final byte[] SELECT = {'S', 'E', 'L', 'E', 'C', 'T'};

  /** catAppendOnlyGenericCommand: *argc, then $len and the bytes of each argument. */
  private void appendCommand(byte[][] argv) {
    header('*', argv.length);
    for (byte[] a : argv) {
      header('$', a.length);
      ensure(a.length + 2);
      System.arraycopy(a, 0, buf, len, a.length);
      len += a.length;
      buf[len++] = '\r';
      buf[len++] = '\n';
    }
  }

  private void header(char type, int n) {
    ensure(24);
    buf[len++] = (byte) type;
    if (n == 0) {
      buf[len++] = '0';
    } else {
      int start = len;
      for (int v = n; v > 0; v /= 10) {
        buf[len++] = (byte) ('0' + v % 10);
      }
      for (int i = start, j = len - 1; i < j; i++, j--) {
        byte t = buf[i];
        buf[i] = buf[j];
        buf[j] = t;
      }
    }
    buf[len++] = '\r';
    buf[len++] = '\n';
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  private Behavior<Command> onFlush() {
    flushScheduled = false;
    writeBuffer();
    if (unsynced && config.getString("appendfsync").equals("always")) {
      fsync();
    }
    for (Effects.Ack ack : acks) {
      ack.send();
    }
    acks.clear();
    return this;
  }

  /** Writes the buffer to the incr file (flushAppendOnlyFile's write). */
  private void writeBuffer() {
    if (len == 0) {
      return;
    }
    if (incr != null) {
      try {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
        while (bb.hasRemaining()) {
          incr.write(bb);
        }
        status.currentSize += len;
        unsynced = true;
        if (!status.lastWriteOk) {
          log.warn("AOF write error looks solved, Redis can write again.");
          status.lastWriteOk = true;
        }
      } catch (IOException e) {
        log.warn("Error writing to the AOF file: {}", e.getMessage());
        status.lastWriteOk = false;
      }
    }
    len = 0;
    if (buf.length > MAX_BUFFER) {
      buf = new byte[1 << 16];
    }
  }

  private void fsync() {
    if (incr == null) {
      return;
    }
    try {
      incr.force(false);
      unsynced = false;
    } catch (IOException e) {
      log.warn("Can't persist the AOF file (fsync): {}", e.getMessage());
      status.lastWriteOk = false;
    }
  }

  private Behavior<Command> onTick() {
    writeBuffer();
    if (unsynced && !config.getString("appendfsync").equals("no")) {
      fsync(); // everysec (always has synced already)
    }
    status.bufferLength = len;
    autoRewrite();
    return this;
  }

  /** The automatic rewrite: the AOF grew by auto-aof-rewrite-percentage over its size after the last one. */
  private void autoRewrite() {
    long perc = config.getLong("auto-aof-rewrite-percentage");
    long min = config.getLong("auto-aof-rewrite-min-size");
    if (incr == null || status.rewriteInProgress || perc == 0 || status.currentSize <= min) {
      return;
    }
    long base = Math.max(1, status.baseSize);
    long growth = status.currentSize * 100 / base - 100;
    if (growth >= perc) {
      log.info("Starting automatic rewriting of AOF on {}% growth", growth);
      startRewrite();
    }
  }

  private Behavior<Command> onSetEnabled(SetEnabled msg) {
    if (msg.on() && !wantOn) {
      wantOn = true;
      status.enabled = true;
      startRewrite(); // startAppendOnly: the base is a rewrite of the dataset as it is now
    } else if (!msg.on() && wantOn) {
      wantOn = false;
      closeIncr();
      status.enabled = false;
    }
    return this;
  }

  // ---- rewriting ------------------------------------------------------------------------

  /** Starts BGREWRITEAOF: the coordinator holds every shard while the snapshot op writes the base. */
  private void startRewrite() {
    if (status.rewriteInProgress) {
      return;
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      log.warn("Can't create the append-only directory {}: {}", dir, e.getMessage());
      rewriteFailed();
      return;
    }
    status.rewriteInProgress = true;
    status.rewriteStartedMillis = System.currentTimeMillis();
    log.info("Background append only file rewriting started");
    Path temp = dir.resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
    rewriteTemp = temp;
    ServerConfig cfg = config;
    ActorRef<Effects> marker = propagator;
    ActorRef<Executed> rotateTo = executedRef;
    Op op = new Op(SNAPSHOT, (ctx, argv) -> {
      List<Keyspace> all = new ArrayList<>();
      ctx.forEachKeyspace(all::add);
      all.sort((a, b) -> Integer.compare(a.shardIndex(), b.shardIndex()));
      try {
        AofFiles.writeBase(temp, all, cfg);
      } catch (IOException e) {
        log.warn("Write error writing the AOF base file: {}", e.getMessage());
        return Reply.error("ERR " + e.getMessage());
      }
      // Still holding every shard: every write published before this point is older than the base.
      marker.tell(new Effects(List.of(), List.of(new Effects.Ack(rotateTo,
          new Executed(new int[] {ROTATE}, new Reply[] {Reply.OK})))));
      return Reply.OK;
    }, new byte[][] {"bgrewriteaof".getBytes()}, 0);
    coordinator.tell(new Coordinator.Run(null, List.of(op), executedRef));
  }

  private static boolean isRotate(Executed ex) {
    return ex.seqs().length == 1 && ex.seqs()[0] == ROTATE;
  }

  private Behavior<Command> onExecuted(ExecutedMsg msg) {
    Executed ex = msg.executed();
    if (isRotate(ex)) {
      rotate();
    } else if (ex.seqs().length == 1 && ex.seqs()[0] == SNAPSHOT && ex.replies()[0] instanceof Reply.Error) {
      log.warn("Background AOF rewrite terminated with error");
      rewriteFailed();
    }
    return this;
  }

  private void rewriteFailed() {
    status.rewriteInProgress = false;
    status.lastRewriteOk = false;
    status.rewritesConsecutiveFailures++;
    if (rewriteTemp != null) {
      try {
        Files.deleteIfExists(rewriteTemp);
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }

  /**
   * backgroundRewriteDoneHandler: the base is written and this is its point in
   * the stream. The new base and a new incr file replace the old files in one
   * manifest write; the old files are deleted.
   */
  private void rotate() {
    if (rewriteTemp == null || !status.rewriteInProgress) {
      return;
    }
    log.info("Background AOF rewrite terminated with success");
    writeBuffer();
    closeIncr();
    try {
      AofManifest old = manifest != null ? manifest : AofFiles.readManifest(config);
      long baseSeq = (old == null || old.base() == null ? 0 : old.base().seq()) + 1;
      long incrSeq = (old == null ? 0 : old.lastIncrSeq()) + 1;
      String baseName = AofManifest.baseName(prefix, baseSeq, true);
      Files.move(rewriteTemp, dir.resolve(baseName), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      log.info("Successfully renamed the temporary AOF base file {} into {}", rewriteTemp.getFileName(), baseName);
      List<AofManifest.AofFile> incrs = List.of();
      AofManifest.AofFile newIncr = null;
      if (wantOn) {
        String incrName = AofManifest.incrName(prefix, incrSeq);
        Files.write(dir.resolve(incrName), new byte[0]);
        newIncr = new AofManifest.AofFile(incrName, incrSeq, AofManifest.Type.INCR);
        incrs = List.of(newIncr);
      }
      AofManifest next = new AofManifest(new AofManifest.AofFile(baseName, baseSeq, AofManifest.Type.BASE),
          List.of(), incrs);
      AofFiles.writeManifest(dir, prefix, next);
      manifest = next;
      if (old != null) {
        List<AofManifest.AofFile> gone = new ArrayList<>(old.history());
        if (old.base() != null) {
          gone.add(old.base());
        }
        gone.addAll(old.incrs());
        for (AofManifest.AofFile f : gone) {
          if (!f.name().equals(baseName) && (newIncr == null || !f.name().equals(newIncr.name()))) {
            log.info("Removing the history file {} in the background", f.name());
            Files.deleteIfExists(dir.resolve(f.name()));
          }
        }
      }
      status.baseSize = fileSize(baseName);
      status.currentSize = status.baseSize;
      if (newIncr != null) {
        openIncr(newIncr);
      }
      status.rewriteInProgress = false;
      status.rewrites++;
      status.lastRewriteOk = true;
      status.rewritesConsecutiveFailures = 0;
      status.lastRewriteSeconds = (System.currentTimeMillis() - status.rewriteStartedMillis) / 1000;
      rewriteTemp = null;
      log.info("Background AOF rewrite finished successfully");
    } catch (IOException | AofException e) {
      log.warn("Error trying to rename the temporary AOF base file or writing the manifest: {}", e.getMessage());
      rewriteFailed();
      if (wantOn && manifest != null && manifest.lastIncr() != null) {
        try {
          openIncr(manifest.lastIncr()); // keep appending to the old files
        } catch (IOException ex) {
          status.lastWriteOk = false;
        }
      }
    }
  }

  // ---- files ----------------------------------------------------------------------------

  private void openIncr(AofManifest.AofFile f) throws IOException {
    incr = FileChannel.open(dir.resolve(f.name()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    selectedDb = -1;
  }

  private void closeIncr() {
    if (incr == null) {
      return;
    }
    writeBuffer();
    try {
      incr.force(false);
      incr.close();
    } catch (IOException e) {
      log.warn("Error closing the AOF file: {}", e.getMessage());
    }
    incr = null;
    unsynced = false;
  }

  private long fileSize(String name) {
    try {
      return Files.size(dir.resolve(name));
    } catch (IOException e) {
      return 0;
    }
  }

  private long totalSize(AofManifest m) {
    long n = m.base() == null ? 0 : fileSize(m.base().name());
    for (AofManifest.AofFile f : m.incrs()) {
      n += fileSize(f.name());
    }
    return n;
  }
}
