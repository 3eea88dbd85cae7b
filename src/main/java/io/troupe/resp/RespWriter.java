package io.troupe.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes {@link Reply} values as RESP2 or RESP3 into one growable buffer, so
 * the replies of a whole pipelined read leave as one write. Not thread-safe:
 * one per connection.
 */
public final class RespWriter {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[][] SMALL_INTS = new byte[512][];

  static {
    for (int i = 0; i < SMALL_INTS.length; i++) {
      SMALL_INTS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private byte[] buf;
  private int len;

  public RespWriter() {
    this(4096);
  }

  public RespWriter(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  public int size() {
    return len;
  }

  /** Returns the bytes written so far and empties the writer. */
  public byte[] drain() {
    byte[] out = Arrays.copyOf(buf, len);
    len = 0;
    if (buf.length > 1 << 20) {
      buf = new byte[4096];
    }
    return out;
  }

  public void write(Reply r, int proto) {
    if (r instanceof Reply.Bulk b) {
      bulk(b.value());
    } else if (r instanceof Reply.Status s) {
      line('+', s.text());
    } else if (r instanceof Reply.Int i) {
      number(':', i.value());
    } else if (r instanceof Reply.Error e) {
      line('-', e.text());
    } else if (r instanceof Reply.NullBulk) {
      raw(proto >= 3 ? "_\r\n" : "$-1\r\n");
    } else if (r instanceof Reply.NullArray) {
      raw(proto >= 3 ? "_\r\n" : "*-1\r\n");
    } else if (r instanceof Reply.Array a) {
      aggregate('*', a.items(), proto);
    } else if (r instanceof Reply.Pairs p) {
      List<Reply> items = p.items();
      if (proto >= 3) {
        number('*', items.size() / 2);
        for (int i = 0; i + 1 < items.size(); i += 2) {
          number('*', 2);
          write(items.get(i), proto);
          write(items.get(i + 1), proto);
        }
      } else {
        aggregate('*', items, proto);
      }
    } else if (r instanceof Reply.Set s) {
      aggregate(proto >= 3 ? '~' : '*', s.items(), proto);
    } else if (r instanceof Reply.Push p) {
      aggregate(proto >= 3 ? '>' : '*', p.items(), proto);
    } else if (r instanceof Reply.Map m) {
      if (proto >= 3) {
        number('%', m.keysAndValues().size() / 2);
        for (Reply item : m.keysAndValues()) {
          write(item, proto);
        }
      } else {
        aggregate('*', m.keysAndValues(), proto);
      }
    } else if (r instanceof Reply.Double d) {
      String text = Doubles.format17g(d.value());
      if (proto >= 3) {
        line(',', text);
      } else {
        bulk(text.getBytes(StandardCharsets.US_ASCII));
      }
    } else if (r instanceof Reply.Bool b) {
      if (proto >= 3) {
        raw(b.value() ? "#t\r\n" : "#f\r\n");
      } else {
        raw(b.value() ? ":1\r\n" : ":0\r\n");
      }
    } else if (r instanceof Reply.Verbatim v) {
      if (proto >= 3) {
        number('=', v.text().length + 4);
        raw(v.format());
        put((byte) ':');
        put(v.text(), 0, v.text().length);
        put(CRLF, 0, 2);
      } else {
        bulk(v.text());
      }
    } else if (r instanceof Reply.Raw raw) {
      put(raw.resp(), 0, raw.resp().length);
    } else {
      throw new IllegalArgumentException("unknown reply " + r);
    }
  }

  private void aggregate(char type, List<Reply> items, int proto) {
    number(type, items.size());
    for (Reply item : items) {
      write(item, proto);
    }
  }

  public void bulk(byte[] v) {
    number('$', v.length);
    put(v, 0, v.length);
    put(CRLF, 0, 2);
  }

  public void line(char type, String text) {
    ensure(text.length() + 3);
    buf[len++] = (byte) type;
    for (int i = 0; i < text.length(); i++) {
      buf[len++] = (byte) text.charAt(i);
    }
    buf[len++] = '\r';
    buf[len++] = '\n';
  }

  public void number(char type, long n) {
    ensure(24);
    buf[len++] = (byte) type;
    if (n >= 0 && n < SMALL_INTS.length) {
      byte[] digits = SMALL_INTS[(int) n];
      System.arraycopy(digits, 0, buf, len, digits.length);
      len += digits.length;
    } else {
      byte[] digits = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(digits, 0, buf, len, digits.length);
      len += digits.length;
    }
    buf[len++] = '\r';
    buf[len++] = '\n';
  }

  public void raw(String ascii) {
    ensure(ascii.length());
    for (int i = 0; i < ascii.length(); i++) {
      buf[len++] = (byte) ascii.charAt(i);
    }
  }

  private void put(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void put(byte[] src, int off, int n) {
    ensure(n);
    System.arraycopy(src, off, buf, len, n);
    len += n;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
