package io.troupe.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Formats doubles as C's printf does, for the texts Redis sends. */
public final class Doubles {
  private Doubles() {}

  /** C's {@code "%.17g"}, with "inf", "-inf" and "nan" as Redis writes them. */
  public static String format17g(double d) {
    return formatG(d, 17);
  }

  /** C's {@code "%.<precision>g"}: shortest of fixed or exponent form, trailing zeros dropped. */
  public static String formatG(double d, int precision) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exponent = bd.precision() - bd.scale() - 1;
    if (exponent < -4 || exponent >= precision) {
      BigDecimal mantissa = bd.movePointLeft(exponent);
      String m = stripZeros(mantissa.toPlainString());
      String e = Integer.toString(Math.abs(exponent));
      return m + (exponent < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
    }
    return stripZeros(bd.toPlainString());
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
