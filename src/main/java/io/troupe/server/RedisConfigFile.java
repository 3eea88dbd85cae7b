package io.troupe.server;

import io.troupe.config.ConfigException;
import io.troupe.config.Param;
import io.troupe.config.ServerConfig;
import io.troupe.resp.RespDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Redis's configuration language: a redis.conf file, then stdin, then
 * {@code --directive value ...} arguments, exactly as redis-server merges
 * them (the arguments become lines appended to the file's text, so an error
 * names the same line number Redis would), and applies each directive to the
 * {@link ServerConfig}. An unknown directive or a bad value stops start-up
 * with Redis's FATAL CONFIG FILE ERROR text.
 */
final class RedisConfigFile {
  /** Thrown with the full text redis-server prints (to stderr) for a bad configuration. */
  static final class FatalConfigError extends RuntimeException {
    FatalConfigError(String text) {
      super(text, null, false, false);
    }
  }

  /** Redis's MULTI_ARG_CONFIG parameters: they take any number of arguments (joined by spaces). */
  private static final Set<String> MULTI_ARG =
      Set.of("bind", "save", "client-output-buffer-limit", "oom-score-adj-values");

  /** Directives Redis 7.0 still accepts (with one argument) and ignores. */
  private static final Set<String> DEPRECATED =
      Set.of("list-max-ziplist-entries", "list-max-ziplist-value", "lua-replicate-commands");

  private RedisConfigFile() {}

  /**
   * Turns the option arguments (everything after the config file, without a
   * stdin "-") into configuration text, as redis-server's main() does: a
   * {@code --name} starts a new line, the arguments after it are appended
   * quoted; {@code --save} directly followed by another {@code --name} (or
   * last) means {@code save ""}; a {@code --name} with no value yet takes the
   * next argument as its value even when that starts with "--".
   */
  static String options(List<String> args) {
    StringBuilder sb = new StringBuilder();
    boolean lastHasArg = true;
    for (int j = 0; j < args.size(); j++) {
      String arg = args.get(j);
      if (lastHasArg && arg.startsWith("--")) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(arg, 2, arg.length()).append(' ');
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        List<byte[]> words = RespDecoder.splitArgs(bytes, 0, bytes.length);
        if (words != null && words.size() == 1) {
          // Only a name ("--port"): its value is the next argument.
          lastHasArg = false;
          boolean last = j == args.size() - 1;
          if (arg.equalsIgnoreCase("--save")) {
            if (last) {
              sb.append("\"\"");
            } else if (args.get(j + 1).startsWith("--")) {
              sb.append("\"\"");
              lastHasArg = true;
            }
          }
        } else {
          lastHasArg = true; // "--port 6380" as one argument
        }
      } else {
        appendRepr(sb, arg);
        sb.append(' ');
        lastHasArg = true;
      }
    }
    return sb.toString();
  }

  /** The whole configuration text: file, then stdin, then a newline and the options. */
  static String merge(String fileText, String stdinText, String options) {
    StringBuilder sb = new StringBuilder();
    if (fileText != null) {
      sb.append(fileText);
    }
    if (stdinText != null) {
      sb.append(stdinText);
    }
    if (options != null && !options.isEmpty()) {
      sb.append('\n').append(options);
    }
    return sb.toString();
  }

  /** A quoted argument as Redis's sdscatrepr writes it, so splitting it gives back the same bytes. */
  private static void appendRepr(StringBuilder sb, String arg) {
    sb.append('"');
    for (byte b : arg.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            sb.append((char) c);
          } else {
            sb.append(String.format("\\x%02x", c));
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * Reads a config file; a missing or unreadable one is fatal with Redis's
   * log text ("Fatal error, can't open config file '...': No such file or directory").
   */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CantOpen("Fatal error, can't open config file '" + file + "': " + strerror(e));
    }
  }

  /** A config or include file that cannot be read: Redis logs this (not the FATAL block) and exits 1. */
  static final class CantOpen extends RuntimeException {
    CantOpen(String text) {
      super(text, null, false, false);
    }
  }

  private static String strerror(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    String m = e.getMessage();
    return m != null && m.contains("Is a directory") ? "Is a directory" : String.valueOf(m);
  }

  /**
   * Applies every directive of {@code text} in order. Lines are trimmed of
   * spaces, tabs, CR and LF; empty lines and lines starting with '#' are
   * skipped; the rest are split with Redis's quoting rules. Directives Troupe
   * lacks are fatal, as unknown ones are in Redis. {@code include} paths are
   * opened as given (relative to the working directory, as Redis's fopen).
   */
  static void apply(ServerConfig config, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = trim(lines[i]);
      if (line.isEmpty() || line.charAt(0) == '#') {
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
      String name = args.get(0).toLowerCase(Locale.ROOT);
      List<String> values = args.subList(1, args.size());
      Param param = config.param(name);
      if (param != null) {
        boolean replicaof = param.name().equals("replicaof") && values.size() == 2; // replicaof <host> <port>
        if (!MULTI_ARG.contains(param.name()) && values.size() != 1 && !replicaof) {
          throw fatal(i + 1, line, "wrong number of arguments");
        }
        try {
          config.set(name, String.join(" ", values));
        } catch (ConfigException e) {
          throw fatal(i + 1, line, e.getMessage());
        }
      } else if (DEPRECATED.contains(name) && values.size() == 1) {
        continue;
      } else if (name.equals("include") && values.size() == 1) {
        apply(config, read(Path.of(values.get(0))));
      } else {
        throw fatal(i + 1, line, "Bad directive or wrong number of arguments");
      }
    }
  }

  /** Redis's sdstrim(line, " \t\r\n"). */
  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && " \t\r\n".indexOf(s.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && " \t\r\n".indexOf(s.charAt(to - 1)) >= 0) {
      to--;
    }
    return s.substring(from, to);
  }

  private static FatalConfigError fatal(int lineNo, String line, String reason) {
    return new FatalConfigError("\n*** FATAL CONFIG FILE ERROR (Redis " + Version.REDIS + ") ***\n"
        + "Reading the configuration file, at line " + lineNo + "\n"
        + ">>> '" + line + "'\n" + reason);
  }
}
