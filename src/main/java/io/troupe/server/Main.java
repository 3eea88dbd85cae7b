package io.troupe.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.troupe.command.CommandTable;
import io.troupe.config.ServerConfig;
import io.troupe.keyspace.Keyspace;
import io.troupe.keyspace.PersistenceState;
import io.troupe.keyspace.SlotMap;
import io.troupe.command.CommandDef;
import io.troupe.persistence.aof.AofException;
import io.troupe.persistence.aof.AofFiles;
import io.troupe.persistence.aof.AofLoader;
import io.troupe.persistence.aof.AofManifest;
import io.troupe.persistence.rdb.RdbException;
import io.troupe.persistence.rdb.RdbFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Tcp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code troupe-server [/path/to/redis.conf] [--directive value ...] [-]}: the
 * command line of redis-server. Defaults come from application.conf
 * ({@code troupe.redis}), then the file, stdin and the arguments override them.
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger("troupe");

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("-v") || args[0].equals("--version"))) {
      System.out.println("Troupe server v=" + Version.REDIS + " sha=00000000:0 malloc=jvm bits=64 build=troupe-"
          + Version.TROUPE);
      return;
    }
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      usage();
      System.exit(1); // as redis-server --help
      return;
    }
    Server server;
    try {
      server = start(args);
    } catch (RedisConfigFile.FatalConfigError e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    } catch (RedisConfigFile.CantOpen e) {
      log.error(e.getMessage());
      System.exit(1);
      return;
    } catch (BindFailed | LoadFailed e) {
      System.exit(1);
      return;
    }
    // A signal (SIGTERM, SIGINT) ends the JVM through its shutdown hooks: stop
    // as SHUTDOWN would, saving first when save points are configured.
    Runtime.getRuntime().addShutdownHook(new Thread(server::stopOnSignal, "troupe-signal-shutdown"));
    int code = server.awaitTermination();
    System.exit(code);
  }

  /** The node could not listen on its port; already logged as Redis logs it. */
  public static final class BindFailed extends RuntimeException {
    BindFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The RDB file could not be loaded; already logged. */
  public static final class LoadFailed extends RuntimeException {
    LoadFailed(String message) {
      super(message);
    }
  }

  private static void usage() {
    System.err.println("""
        Usage: ./troupe-server [/path/to/redis.conf] [options] [-]
               ./troupe-server - (read config from stdin)
               ./troupe-server -v or --version
               ./troupe-server -h or --help

        Examples:
               ./troupe-server (run the server with default conf)
               echo 'maxmemory 128mb' | ./troupe-server -
               ./troupe-server /etc/redis/6379.conf
               ./troupe-server --port 7777
               ./troupe-server /etc/myredis.conf --loglevel verbose -
        """);
  }

  /**
   * Parses the command line, starts the node and waits until it listens.
   * Throws FatalConfigError for a bad configuration, CantOpen for a config
   * file that cannot be read, and BindFailed (after logging Redis's "Failed
   * listening on port N (TCP), aborting.") when the port cannot be bound.
   */
  public static Server start(String[] args) throws IOException {
    return start(ConfigFactory.empty(), args);
  }

  /**
   * As {@link #start(String[])}, with HOCON settings laid over application.conf
   * (tests give {@code troupe.management.port} this way).
   */
  public static Server start(Config overrides, String[] args) throws IOException {
    // The command table (commands.json and every group's handlers) needs no
    // configuration: it is built on a second core while the configuration (every
    // jar's reference.conf) is parsed, which takes as long.
    CompletableFuture<CommandTable> commandTable = CompletableFuture.supplyAsync(Commands::table);
    // Resolved after the overrides are laid, so substitutions see them.
    Config hocon = ConfigFactory.load(overrides.withFallback(ConfigFactory.defaultApplication()));
    ServerConfig config = new ServerConfig();
    Config defaults = hocon.getConfig("troupe.redis");
    for (Map.Entry<String, ConfigValue> e : defaults.root().entrySet()) {
      config.set(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    // As redis-server: a first argument not starting with '-' is the config
    // file; "-" as the first or last argument means "also read stdin".
    String configFile = null;
    String fileText = null;
    String stdinText = null;
    List<String> options = new ArrayList<>();
    int i = 0;
    if (args.length > 0 && !args[0].startsWith("-")) {
      configFile = Path.of(args[0]).toAbsolutePath().toString();
      fileText = RedisConfigFile.read(Path.of(configFile));
      i = 1;
    }
    boolean fromStdin = false;
    for (int j = i; j < args.length; j++) {
      if (args[j].equals("-") && (j == 0 || j == args.length - 1)) {
        fromStdin = true;
      } else {
        options.add(args[j]);
      }
    }
    if (fromStdin) {
      log.warn("Reading config from stdin");
      stdinText = readStdin();
    }
    RedisConfigFile.apply(config,
        RedisConfigFile.merge(fileText, stdinText, RedisConfigFile.options(options)));

    int shards = hocon.getInt("troupe.shards");
    if (shards <= 0) {
      shards = Runtime.getRuntime().availableProcessors();
    }
    // One thread per shard, unless troupe.shard-dispatcher names another
    // dispatcher (a string: Pekko's dispatcher alias).
    Config withJournal = journalUrl(hocon, config).withFallback(hocon);
    Config system = hocon.getValue("troupe.shard-dispatcher").valueType() != ConfigValueType.OBJECT ? withJournal
        : ConfigFactory.parseString("troupe.shard-dispatcher.thread-pool-executor.fixed-pool-size = " + shards)
            .withFallback(withJournal);
    CommandTable table;
    try {
      table = commandTable.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    SlotMap slots = SlotMap.evenlySplit(shards);
    // Redis's order: these two lines, then loading the data, then "Ready".
    log.info("Running mode=standalone, port={}.", config.port());
    log.warn("Server initialized");
    List<Keyspace> keyspaces = new ArrayList<>();
    PersistenceState persistence = new PersistenceState();
    for (int s = 0; s < shards; s++) {
      Keyspace ks = new Keyspace(s, config.databases());
      ks.setPersistence(persistence);
      keyspaces.add(ks);
    }
    // loadDataFromDisk: with appendonly on, the AOF (and only it) holds the data. The AOF is
    // replayed before the port is bound (its writer continues the manifest it returns); an RDB
    // file loads while the port already answers LOADING, as Redis's does.
    AofManifest aof = config.getBool("appendonly") ? loadAof(config, slots, keyspaces, table) : null;
    if (aof != null) {
      persistence.dirtyAtLastSave = PersistenceState.dirty(keyspaces);
    }
    persistence.loading = aof == null && java.nio.file.Files.exists(RdbFiles.file(config));
    persistence.loadingStartSeconds = System.currentTimeMillis() / 1000;
    CompletableFuture<List<Tcp.ServerBinding>> bound = new CompletableFuture<>();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    java.util.concurrent.atomic.AtomicBoolean saveOnExit = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<Runnable> drain = new java.util.concurrent.atomic.AtomicReference<>();
    final String file = configFile;
    ActorSystem<Void> actors = ActorSystem.create(
        ServerGuardian.create(config, file, keyspaces, slots, table, bound, code -> exit.complete(code), saveOnExit,
            aof, drain),
        "troupe", system);
    try {
      List<Tcp.ServerBinding> bindings = bound.join();
      for (Tcp.ServerBinding b : bindings) {
        log.debug("Listening on {}", b.localAddress());
      }
      try {
        if (aof == null) {
          load(keyspaces, config, slots);
        }
      } catch (LoadFailed e) {
        actors.terminate();
        throw e;
      }
      log.info("Ready to accept connections");
      // The server stops itself when SHUTDOWN completes `exit`.
      return new Server(actors, bindings, exit, config.port(), keyspaces, config, saveOnExit, drain);
    } catch (RuntimeException e) {
      log.error("Failed listening on port {} (TCP), aborting.", config.port());
      actors.terminate();
      throw new BindFailed("Failed listening on port " + config.port() + " (TCP), aborting.", e);
    }
  }

  /**
   * The embedded journal's url when application.conf leaves
   * {@code pekko-persistence-jdbc.shared-databases.troupe.db.url} empty: an H2
   * file {@code troupe.persistence.h2-file} in the node's dir, whose tables H2
   * creates on connect when missing, and whose commits are written at once.
   */
  private static Config journalUrl(Config hocon, ServerConfig config) {
    String key = "pekko-persistence-jdbc.shared-databases.troupe.db.url";
    if (!hocon.hasPath(key) || !hocon.getString(key).isEmpty()) {
      return ConfigFactory.empty();
    }
    Path file = Path.of(config.getString("dir")).toAbsolutePath().normalize()
        .resolve(hocon.getString("troupe.persistence.h2-file"));
    // WRITE_DELAY=0: a commit reaches the file before the journal acknowledges it
    // (H2 would otherwise write it up to 500 ms later, and a kill -9 loses it).
    String url = "jdbc:h2:file:" + file + ";WRITE_DELAY=0"
        + ";INIT=RUNSCRIPT FROM 'classpath:io/troupe/server/troupe-state-h2.sql'";
    return ConfigFactory.empty().withValue(key, com.typesafe.config.ConfigValueFactory.fromAnyRef(url));
  }

  /**
   * Loads the AOF (base, then incr files) into the empty keyspaces and makes
   * sure there is an incr file to append to; returns the manifest the AOF
   * writer continues. Refuses to start (LoadFailed) when the AOF cannot be loaded.
   */
  private static AofManifest loadAof(ServerConfig config, SlotMap slots, List<Keyspace> keyspaces,
      CommandTable table) {
    try {
      AofLoader.load(keyspaces, slots, config, name -> {
        CommandDef d = table.def(name);
        return d == null || d.execution() == CommandDef.Execution.SESSION ? null : d.handler();
      });
      return AofFiles.prepareOnStart(config, keyspaces);
    } catch (AofException e) {
      log.error(e.getMessage());
      throw new LoadFailed(e.getMessage());
    } catch (IOException e) {
      log.error("Fatal error loading the append only file: {}. Exiting.", e.getMessage());
      throw new LoadFailed(e.getMessage());
    }
  }

  /**
   * Fills the shards' keyspaces from dir/dbfilename when it exists (Redis's
   * loadDataFromDisk), while the port already answers LOADING; the shards
   * leave their keyspaces alone until the loading flag drops.
   */
  private static void load(List<Keyspace> keyspaces, ServerConfig config, SlotMap slots) {
    PersistenceState progress = keyspaces.get(0).persistence();
    RdbFiles.Loaded loaded;
    try {
      loaded = RdbFiles.loadAtStartup(keyspaces, slots, config, progress);
    } catch (RdbException e) {
      log.error(e.getMessage());
      log.error("Terminating server after rdb file reading failure.");
      throw new LoadFailed(e.getMessage());
    } catch (IOException e) {
      log.error("Fatal error loading the DB: {}. Exiting.", e.getMessage());
      throw new LoadFailed(e.getMessage());
    }
    long now = System.currentTimeMillis() / 1000;
    for (Keyspace ks : keyspaces) {
      ks.stats().lastSaveSeconds = now;
      if (loaded != null) {
        ks.stats().lastLoadKeysLoaded = loaded.keysLoaded();
        ks.stats().lastLoadKeysExpired = loaded.keysExpired();
      }
    }
    progress.dirtyAtLastSave = PersistenceState.dirty(keyspaces);
    progress.loading = false; // publishes the loaded keyspaces to the shards and connections
  }

  private static String readStdin() throws IOException {
    try (InputStream in = System.in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
