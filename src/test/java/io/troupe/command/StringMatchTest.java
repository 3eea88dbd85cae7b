package io.troupe.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StringMatchTest {
  private static boolean m(String pattern, String s, boolean nocase) {
    return io.troupe.keyspace.GlobPattern.matches(pattern.getBytes(StandardCharsets.UTF_8),
        s.getBytes(StandardCharsets.UTF_8), nocase);
  }

  @Test
  void redisGlobRules() {
    // stringmatchlen never matches an empty string (KEYS * and SCAN skip matching for "*")
    assertEquals(false, m("*", "", false));
    assertEquals(true, m("cl*", "client|list", false));
    assertEquals(false, m("cl*", "echo", false));
    assertEquals(true, m("g?t", "get", false));
    assertEquals(false, m("g?t", "gt", false));
    assertEquals(true, m("g?t*l", "getdel", false));
    assertEquals(false, m("g?t*l", "get", false));
    assertEquals(true, m("h[ae]llo", "hello", false));
    assertEquals(false, m("h[^e]llo", "hello", false));
    assertEquals(true, m("h[^e]llo", "hallo", false));
    assertEquals(true, m("h[a-c]llo", "hbllo", false));
    assertEquals(true, m("h[c-a]llo", "hbllo", false));
    assertEquals(true, m("a\\*b", "a*b", false));
    assertEquals(false, m("a\\*b", "axb", false));
    assertEquals(true, m("GET", "get", true));
    assertEquals(false, m("GET", "get", false));
    assertEquals(true, m("**x", "abx", false));
  }
}
