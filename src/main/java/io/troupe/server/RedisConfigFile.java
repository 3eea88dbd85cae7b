package io.troupe.server;

import io.troupe.config.ConfigException;
import io.troupe.config.ServerConfig;
import io.troupe.resp.RespDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads Redis's configuration language: a redis.conf file, then
 * {@code --directive value ...} arguments, exactly as redis-server merges
 * them (the arguments become lines appended to the file's text), and applies
 * each directive to the {@link ServerConfig}. An unknown directive or a bad
 * value stops start-up with Redis's FATAL CONFIG FILE ERROR text.
 */
final class RedisConfigFile {
  /** Thrown with the full text redis-server prints for a bad configuration. */
  static final class FatalConfigError extends RuntimeException {
    FatalConfigError(String text) {
      super(text, null, false, false);
    }
  }

  private RedisConfigFile() {}

  /**
   * Builds the configuration text from a file (may be null), stdin text (may
   * be null) and the option arguments, as redis-server's main() does.
   */
  static String merge(String fileText, List<String> options, String stdinText) {
    StringBuilder sb = new StringBuilder();
    if (fileText != null) {
      sb.append(fileText);
    }
    if (stdinText != null) {
      sb.append(stdinText);
    }
    for (String arg : options) {
      if (arg.startsWith("--") && arg.length() > 2) {
        sb.append('\n').append(arg.substring(2)).append(' ');
      } else {
        sb.append(quote(arg)).append(' ');
      }
    }
    return sb.toString();
  }

  private static String quote(String arg) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : arg.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"').toString();
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Applies every directive of {@code text}; directives Troupe lacks are fatal, as in Redis. */
  static void apply(ServerConfig config, String text, Path baseDir) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      List<byte[]> parts = RespDecoder.splitArgs(bytes, 0, bytes.length);
      if (parts == null) {
        throw fatal(i + 1, line, "Unbalanced quotes in configuration line");
      }
      if (parts.isEmpty()) {
        continue;
      }
      List<String> args = new ArrayList<>();
      for (byte[] p : parts) {
        args.add(new String(p, StandardCharsets.UTF_8));
      }
      String name = args.get(0).toLowerCase();
      List<String> values = args.subList(1, args.size());
      if (name.equals("include") && values.size() == 1) {
        try {
          apply(config, read(baseDir.resolve(values.get(0))), baseDir);
        } catch (IOException e) {
          throw fatal(i + 1, line, "Can't open the include file: " + e.getMessage());
        }
        continue;
      }
      if (config.param(name) == null || values.isEmpty()) {
        throw fatal(i + 1, line, "Bad directive or wrong number of arguments");
      }
      try {
        config.set(name, values.stream().collect(Collectors.joining(" ")));
      } catch (ConfigException e) {
        throw fatal(i + 1, line, e.getMessage());
      }
    }
  }

  private static FatalConfigError fatal(int lineNo, String line, String reason) {
    return new FatalConfigError("\n*** FATAL CONFIG FILE ERROR (Redis " + Version.REDIS + ") ***\n"
        + "Reading the configuration file, at line " + lineNo + "\n"
        + ">>> '" + line + "'\n" + reason);
  }
}
