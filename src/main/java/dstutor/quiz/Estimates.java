package dstutor.quiz;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as people write them in back-of-the-envelope estimates: {@code 5800}, {@code 5,800},
 * {@code 5.8k}, {@code 5.8e3}, {@code 5.8 x 10^3}, {@code 2M}, {@code 1.5G}, {@code 3 million},
 * optionally followed by the unit asked for. Public so that every face grading an estimate (cards,
 * quiz exercises, drills) reads numbers the same way.
 */
public final class Estimates {
  /** How to write a number, for messages after an unreadable one. */
  public static final String HOW = "write a number, like 5800, 5,800, 5.8k, 5.8e3, 2M, 1.5G or"
      + " 3 million";

  // Digits with optional thousands separators (groups of three), a fraction, an exponent.
  private static final Pattern NUMBER = Pattern.compile(
      "([+-]?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d*)?|[+-]?\\.\\d+)(?:[eE]([+-]?\\d+))?");
  // "x 10^6", "× 10^6", "* 10^6", "·10^6": a power of ten (or of any whole base) after the mantissa.
  private static final Pattern POWER = Pattern.compile("\\s*(?:[x×*·]\\s*)?(\\d+)\\s*\\^\\s*"
      + "([+-]?\\d+)");
  private static final Pattern SUFFIX = Pattern.compile("\\s*([A-Za-z]+)");
  private static final Map<String, Double> MULTIPLIERS = Map.ofEntries(
      Map.entry("k", 1e3), Map.entry("thousand", 1e3),
      Map.entry("m", 1e6), Map.entry("mn", 1e6), Map.entry("million", 1e6),
      Map.entry("b", 1e9), Map.entry("bn", 1e9), Map.entry("billion", 1e9), Map.entry("g", 1e9),
      Map.entry("t", 1e12), Map.entry("tn", 1e12), Map.entry("trillion", 1e12),
      Map.entry("millions", 1e6), Map.entry("billions", 1e9), Map.entry("thousands", 1e3));

  private Estimates() {}

  /** The number in {@code text}, or empty when it is not one (see {@link #HOW}). */
  public static OptionalDouble parse(String text) {
    return parse(text, null);
  }

  /**
   * The number in {@code text}, which may end with {@code unit} (case-insensitive, singular or
   * plural); empty when it is not a number. A unit is matched before multipliers, so that "20 GB"
   * asked in GB is 20, not 20 billion.
   */
  public static OptionalDouble parse(String text, String unit) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String s = text.strip();
    for (String lead : new String[] {"~", "≈", "about ", "approximately ", "roughly "}) {
      if (s.toLowerCase(Locale.ROOT).startsWith(lead)) {
        s = s.substring(lead.length()).strip();
      }
    }
    double value;
    int end;
    Matcher base = POWER.matcher(s);
    Matcher n = NUMBER.matcher(s);
    if (base.lookingAt()) {
      // A bare power, like 10^9.
      value = Math.pow(Double.parseDouble(base.group(1)), Double.parseDouble(base.group(2)));
      end = base.end();
    } else if (n.lookingAt()) {
      value = Double.parseDouble(n.group(1).replace(",", ""));
      if (n.group(2) != null) {
        value *= Math.pow(10, Integer.parseInt(n.group(2)));
      }
      end = n.end();
      Matcher p = POWER.matcher(s).region(end, s.length());
      if (p.lookingAt() && n.group(2) == null) {
        value *= Math.pow(Double.parseDouble(p.group(1)), Double.parseDouble(p.group(2)));
        end = p.end();
      }
    } else {
      return OptionalDouble.empty();
    }
    String rest = s.substring(end).strip();
    if (rest.isEmpty() || isUnit(rest, unit)) {
      return OptionalDouble.of(value);
    }
    Matcher m = SUFFIX.matcher(rest);
    if (m.lookingAt()) {
      Double mult = MULTIPLIERS.get(multiplierKey(m.group(1)));
      if (mult != null) {
        String after = rest.substring(m.end()).strip();
        if (after.isEmpty() || isUnit(after, unit)) {
          return OptionalDouble.of(value * mult);
        }
      }
      // "5.8kB" in bytes: a one-letter multiplier glued to the unit.
      Double one = MULTIPLIERS.get(rest.substring(0, 1).toLowerCase(Locale.ROOT));
      if (one != null && isUnit(rest.substring(1), unit)) {
        return OptionalDouble.of(value * one);
      }
    }
    return OptionalDouble.empty();
  }

  /** k, M, G, T are case-insensitive, as are the words; "mm" (finance's thousand thousands) too. */
  private static String multiplierKey(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    return w.equals("mm") ? "m" : w;
  }

  private static boolean isUnit(String rest, String unit) {
    if (unit == null || unit.isBlank()) {
      return false;
    }
    String r = rest.strip().toLowerCase(Locale.ROOT);
    String u = unit.strip().toLowerCase(Locale.ROOT);
    return r.equals(u) || r.equals(u + "s") || (u.endsWith("s") && r.equals(u.substring(0,
        u.length() - 1)));
  }

  /** Whether {@code x} is within a factor {@code within} of {@code answer} (both ends included). */
  public static boolean accepts(double answer, double within, double x) {
    return x >= answer / within && x <= answer * within;
  }

  /**
   * {@code x} for a reader: grouped digits below a million ({@code 5,800}), three significant
   * digits and a word above ({@code 21.6 million}).
   */
  public static String format(double x) {
    double a = Math.abs(x);
    String[] words = {"trillion", "billion", "million"};
    double[] scales = {1e12, 1e9, 1e6};
    for (int i = 0; i < scales.length; i++) {
      if (a >= scales[i]) {
        return significant(x / scales[i]) + " " + words[i];
      }
    }
    if (a >= 1000 || x == Math.rint(x)) {
      return String.format(Locale.ROOT, "%,d", Math.round(x));
    }
    return significant(x);
  }

  private static String significant(double x) {
    String s = new java.math.BigDecimal(x).round(new java.math.MathContext(3))
        .stripTrailingZeros().toPlainString();
    return s;
  }
}
