package dstutor.drill;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an estimate as a learner types it: {@code 5800}, {@code 5,800}, {@code 5.8k}, {@code
 * 5.8e3}, {@code 2M}, {@code 1.5G}, {@code 3 billion}, optionally after {@code ~} and followed by a
 * unit ({@code 5800 writes/s}). The number is taken in the question's own unit: a unit typed after
 * it is not converted, and only a multiplier standing alone (k, M, G or B or bn, T, or the words
 * thousand, million, billion, trillion) scales it.
 */
public final class Numbers {
  private static final Pattern NUMBER = Pattern.compile("\\s*[~\u2248]?\\s*"
      + "(?<int>\\d{1,3}(?:[,_]\\d{3})+|\\d+)?(?:\\.(?<frac>\\d+))?"
      + "(?:[eE](?<exp>[+-]?\\d{1,3}))?"
      + "(?:\\s*(?<mult>bn|thousand|million|billion|trillion|[kmgbt])(?=$|[\\s/]))?"
      + "(?<tail>.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private Numbers() {}

  /** The value typed, or null when {@code text} is not a number (possibly with a unit). */
  public static Double parse(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.matches() || (m.group("int") == null && m.group("frac") == null)) {
      return null;
    }
    String tail = m.group("tail");
    // Digits after the number mean it was something else: "3 of 5", "5,8", "1.2.3".
    if (tail.chars().anyMatch(Character::isDigit)
        || (!tail.isEmpty() && !Character.isWhitespace(tail.charAt(0))
            && !Character.isLetter(tail.charAt(0)) && tail.charAt(0) != '/')) {
      return null;
    }
    String digits = (m.group("int") == null ? "0" : m.group("int").replaceAll("[,_]", ""))
        + (m.group("frac") == null ? "" : "." + m.group("frac"))
        + (m.group("exp") == null ? "" : "e" + m.group("exp"));
    double v = Double.parseDouble(digits);
    String mult = m.group("mult");
    if (mult != null) {
      v *= switch (mult.toLowerCase(Locale.ROOT)) {
        case "k", "thousand" -> 1e3;
        case "m", "million" -> 1e6;
        case "g", "b", "bn", "billion" -> 1e9;
        default -> 1e12;
      };
    }
    return Double.isFinite(v) ? v : null;
  }

  /** A value for people: 5800 as "5,800", 21600000 as "21,600,000", 0.25 as "0.25". */
  public static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,d", (long) v);
    }
    String s = String.format(Locale.ROOT, "%,.3f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** A value in the form a YAML file or a JSON number has it. */
  static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
