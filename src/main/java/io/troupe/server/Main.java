package io.troupe.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import io.troupe.command.CommandTable;
import io.troupe.config.ServerConfig;
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
      return;
    }
    Server server;
    try {
      server = start(args);
    } catch (RedisConfigFile.FatalConfigError e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    int code = server.awaitTermination();
    System.exit(code);
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
   * Throws FatalConfigError for a bad configuration; exits the process with 1
   * when the port cannot be bound.
   */
  public static Server start(String[] args) throws IOException {
    Config hocon = ConfigFactory.load();
    ServerConfig config = new ServerConfig();
    Config defaults = hocon.getConfig("troupe.redis");
    for (Map.Entry<String, ConfigValue> e : defaults.root().entrySet()) {
      config.set(e.getKey(), String.valueOf(e.getValue().unwrapped()));
    }
    String configFile = null;
    String fileText = null;
    String stdinText = null;
    List<String> options = new ArrayList<>();
    int i = 0;
    if (args.length > 0 && !args[0].startsWith("--") && !args[0].equals("-")) {
      configFile = Path.of(args[0]).toAbsolutePath().toString();
      try {
        fileText = RedisConfigFile.read(Path.of(configFile));
      } catch (IOException e) {
        throw new RedisConfigFile.FatalConfigError("Fatal error, can't open config file '" + args[0] + "': "
            + e.getMessage());
      }
      i = 1;
    }
    for (; i < args.length; i++) {
      if (args[i].equals("-") && i == args.length - 1) {
        stdinText = readStdin();
      } else {
        options.add(args[i]);
      }
    }
    Path base = configFile == null ? Path.of(".") : Path.of(configFile).getParent();
    RedisConfigFile.apply(config, RedisConfigFile.merge(fileText, options, stdinText), base);

    int shards = hocon.getInt("troupe.shards");
    if (shards <= 0) {
      shards = Runtime.getRuntime().availableProcessors();
    }
    Config system = ConfigFactory.parseString(
            "troupe.shard-dispatcher.thread-pool-executor.fixed-pool-size = " + shards)
        .withFallback(hocon);
    CommandTable table = Commands.table();
    CompletableFuture<List<Tcp.ServerBinding>> bound = new CompletableFuture<>();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    final int shardCount = shards;
    final String file = configFile;
    ActorSystem<Void> actors = ActorSystem.create(
        ServerGuardian.create(config, file, shardCount, table, bound, code -> exit.complete(code)),
        "troupe", system);
    try {
      List<Tcp.ServerBinding> bindings = bound.join();
      log.info("Server initialized");
      for (Tcp.ServerBinding b : bindings) {
        log.debug("Listening on {}", b.localAddress());
      }
      log.info("Ready to accept connections tcp");
      Server server = new Server(actors, bindings, exit, config.port());
      // SHUTDOWN completes `exit`: stop the node (off the actor threads, as
      // stopping waits for them), whether or not anyone awaits termination.
      exit.thenRunAsync(server::stop);
      return server;
    } catch (RuntimeException e) {
      log.error("Failed listening on port {} (tcp), aborting.", config.port());
      actors.terminate();
      System.exit(1);
      throw e;
    }
  }

  private static String readStdin() throws IOException {
    try (InputStream in = System.in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
