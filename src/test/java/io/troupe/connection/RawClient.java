package io.troupe.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare RESP client for tests that must see the exact bytes a server sends:
 * {@link #call} writes one command and returns one whole reply, undecoded.
 */
public final class RawClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawClient(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setSoTimeout(5000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Sends a command and returns its whole reply as text (ISO-8859-1, so bytes map 1:1). */
  public String call(String... args) throws IOException {
    send(args);
    return reply();
  }

  public void send(String... args) throws IOException {
    out.write(encode(args));
    out.flush();
  }

  /** Several commands in one write, as a pipelining client sends them. */
  public void pipeline(String[]... commands) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String[] c : commands) {
      b.write(encode(c));
    }
    out.write(b.toByteArray());
    out.flush();
  }

  public static byte[] encode(String... args) {
    StringBuilder sb = new StringBuilder();
    sb.append('*').append(args.length).append("\r\n");
    for (String a : args) {
      byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
      sb.append('$').append(bytes.length).append("\r\n")
          .append(new String(bytes, StandardCharsets.ISO_8859_1)).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Reads exactly one RESP2/RESP3 value and returns its bytes. */
  public String reply() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    readValue(b);
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** True when the server sends nothing within {@code millis}. */
  public boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed");
      }
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(5000);
    }
  }

  /** True when the server has closed the connection (read gives end of stream). */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (IOException e) {
      return true; // reset by peer
    }
  }

  private void readValue(ByteArrayOutputStream b) throws IOException {
    String line = readLine(b);
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+', '-', ':', '_', ',', '#', '(' -> { }
      case '$', '=', '!' -> {
        int n = Integer.parseInt(rest);
        if (n >= 0) {
          for (int i = 0; i < n + 2; i++) {
            b.write(readByte());
          }
        }
      }
      case '*', '~', '>' -> {
        int n = Integer.parseInt(rest);
        for (int i = 0; i < n; i++) {
          readValue(b);
        }
      }
      case '%', '|' -> {
        int n = Integer.parseInt(rest);
        for (int i = 0; i < 2 * n; i++) {
          readValue(b);
        }
      }
      default -> throw new IOException("not RESP: " + line);
    }
  }

  private String readLine(ByteArrayOutputStream b) throws IOException {
    StringBuilder sb = new StringBuilder();
    int prev = -1;
    while (true) {
      int c = readByte();
      b.write(c);
      if (prev == '\r' && c == '\n') {
        return sb.substring(0, sb.length() - 1);
      }
      sb.append((char) c);
      prev = c;
    }
  }

  private int readByte() throws IOException {
    int c = in.read();
    if (c < 0) {
      throw new IOException("connection closed");
    }
    return c;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
